import { runLoad, type LoadOptions } from './http-load';

// Started by `loadInChild`: runs one load and sends its figures back.

process.once('message', (options: LoadOptions) => {
  void runLoad(options).then((result) => process.send?.(result));
});

import { useRef, useState } from 'react';
import { downloadPng, downloadText } from '@/web/lib/download';

/** What the export buttons say; each feature keeps the words in its own namespace. */
export interface ChartExportWords {
  csv: string;
  png: string;
  csvLabel: string;
  pngLabel: string;
}

/** CSV and PNG export of a chart's figure. The PNG is drawn from the figure `figureRef` is put on, so
 * what is downloaded is what is seen; a failure is kept to be said in the figure rather than thrown. */
export function useChartExport(fileBase: string, csv: () => string, failed: (message: string) => string) {
  const figureRef = useRef<HTMLElement>(null);
  const [exportError, setExportError] = useState<string>();

  const exportCsv = () => downloadText(`${fileBase}.csv`, csv(), 'text/csv;charset=utf-8');

  const exportPng = async () => {
    const node = figureRef.current;
    if (!node) return;
    setExportError(undefined);
    try {
      await downloadPng(`${fileBase}.png`, node);
    } catch (error) {
      setExportError(failed(error instanceof Error ? error.message : String(error)));
    }
  };

  return { figureRef, exportError, exportCsv, exportPng };
}

/** The export buttons of a chart's head. `data-export-skip` keeps them out of the PNG they make. */
export function ChartExportActions({
  words,
  onCsv,
  onPng,
}: {
  words: ChartExportWords;
  onCsv: () => void;
  onPng: () => Promise<void>;
}) {
  return (
    <div className="graph-actions" data-export-skip="">
      <button type="button" aria-label={words.csvLabel} onClick={onCsv}>
        {words.csv}
      </button>
      <button type="button" aria-label={words.pngLabel} onClick={() => void onPng()}>
        {words.png}
      </button>
    </div>
  );
}

/** Why the last PNG export failed, left out of the next one. */
export function ChartExportError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-export-skip="">
      {error}
    </p>
  );
}

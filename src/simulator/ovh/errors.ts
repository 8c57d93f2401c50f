import type { FastifyReply } from 'fastify';

// OVH's error bodies as its client libraries see them (OVH does not document them): `class` + `message`
// for API errors, and `errorCode` + `httpCode` + `message` for authentication failures.

export class OvhError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, string>,
  ) {
    super(body.message);
  }
}

export const notFound = (message: string) => new OvhError(404, { class: 'Client::NotFound', message });

export const badRequest = (message: string) => new OvhError(400, { class: 'Client::BadRequest', message });

export const objectNotFound = (idName: string, id: string) =>
  notFound(`The requested object (${idName} = ${id}) does not exist`);

export const authError = (status: 400 | 401 | 403, errorCode: string, message: string) =>
  new OvhError(status, {
    errorCode,
    httpCode: `${status} ${status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : 'Forbidden'}`,
    message,
  });

export function sendOvhError(reply: FastifyReply, error: OvhError): FastifyReply {
  return reply.code(error.status).send(error.body);
}

/** An AsyncAPI 3 document of one service for a rule's examples: `body` starts on line 3. */
export function service(title: string, body: string): string {
  return `asyncapi: 3.0.0\ninfo: { title: ${title}, version: 1.0.0 }\n${body.trim()}\n`;
}

/** A service that sends or receives one message on one address; the payload stands on line 8. */
export function oneWay(title: string, action: 'send' | 'receive', address: string, message: string, payload = '{ type: object }'): string {
  return service(
    title,
    `channels:
  main:
    address: ${address}
    messages:
      ${message}:
        payload: ${payload}
operations:
  main: { action: ${action}, channel: { $ref: '#/channels/main' } }`,
  );
}

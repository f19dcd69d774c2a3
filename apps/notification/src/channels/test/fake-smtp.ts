import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One message as the relay received it: the envelope and the DATA section. */
export interface ReceivedMail {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

/**
 * A local stand-in for an SMTP relay (RFC 5321): EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT, without TLS.
 * `refuseRecipient` answers RCPT TO with the given reply; `refuseData` answers the end of DATA with it.
 */
export class FakeSmtpServer {
  readonly received: ReceivedMail[] = [];
  refuseRecipient: string | null = null;
  refuseData: string | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => {
    this.serve(socket);
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));

    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => { resolve(); }));
  }

  reset(): void {
    this.received.length = 0;
    this.refuseRecipient = null;
    this.refuseData = null;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setEncoding('utf8');
    const reply = (line: string): void => {
      socket.write(`${line}\r\n`);
    };
    let mail: ReceivedMail = { auth: null, from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    reply('220 fake.smtp.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (this.refuseData !== null) {
            reply(this.refuseData);
          } else {
            this.received.push(mail);
            reply(`250 2.0.0 Ok: queued as Q${this.received.length}`);
          }
          mail = { auth: mail.auth, from: '', to: [], data: '' };
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          socket.write('250-fake.smtp.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        } else if (verb === 'AUTH') {
          mail.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          reply('235 2.7.0 Authentication successful');
        } else if (verb === 'MAIL') {
          mail.from = /<(.*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          if (this.refuseRecipient !== null) {
            reply(this.refuseRecipient);
          } else {
            mail.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
            reply('250 2.1.5 Ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else {
          reply('250 Ok');
        }
      }
    });
  }
}

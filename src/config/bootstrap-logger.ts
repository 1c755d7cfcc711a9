import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';

/**
 * The logger Nest uses before the app's own (nestjs-pino) logger is in place, and for whatever it
 * flushes when start-up fails: the same JSON lines as the rest of the log, from the very first one.
 */
export class BootstrapLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(level = process.env.LOG_LEVEL ?? 'info') {
    this.pino = pino({ level: isPinoLevel(level) ? level : 'info' });
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors, (message, context) otherwise.
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string): void {
    // Errors are logged by class and message only: a driver error's own fields can hold row values.
    const msg = message instanceof Error ? `${message.name}: ${message.message}` : String(message);
    this.pino[level](context ? { context } : {}, msg);
  }
}

function isPinoLevel(level: string): level is pino.Level {
  return ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level);
}

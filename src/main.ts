import { BootstrapLogger } from './config/bootstrap-logger';
import { startService } from './bootstrap';

startService().catch((err: Error) => {
  // Configuration and start-up problems are meant to be read by whoever starts the service: one
  // JSON line that says what is wrong, no stack trace.
  new BootstrapLogger().fatal(err.message, 'Startup');
  process.exit(1);
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { typeormOptions } from './typeorm-options';

// Used by the TypeORM CLI (npm run migration:run / migration:generate).
const env = validateEnvironment(process.env);

export default new DataSource(typeormOptions({ url: env.DATABASE_URL, poolSize: 2, applicationName: 'cachly-cli' }));

import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSourceOptions } from 'typeorm';
import { AdminUnitsModule } from './admin-units/admin-units.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CertificatesModule } from './certificates/certificates.module';
import { CommonModule } from './common/common.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/validation/validation';
import { Environment, validateEnvironment } from './config/environment';
import { loggingParams } from './config/logging';
import { createMigratedDataSource } from './database/migrate-exclusively';
import { typeormOptions } from './database/typeorm-options';
import { ExportsModule } from './exports/exports.module';
import { FacilitiesModule } from './facilities/facilities.module';
import { HealthModule } from './health/health.module';
import { HealthChecksModule } from './health-checks/health-checks.module';
import { IntakeListsModule } from './intake-lists/intake-lists.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { PeopleModule } from './people/people.module';
import { PoliciesModule } from './policies/policies.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { StaffingModule } from './staffing/staffing.module';
import { StaysModule } from './stays/stays.module';
import { TestingModule } from './testing/testing.module';
import { TransferRequestsModule } from './transfer-requests/transfer-requests.module';
import { TodayModule } from './today/today.module';
import { HomeMonitoringModule } from './home-monitoring/home-monitoring.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        loggingParams({ LOG_LEVEL: config.get('LOG_LEVEL', { infer: true }), LOG_FILE: config.get('LOG_FILE', { infer: true }) }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        typeormOptions({
          url: config.get('DATABASE_URL', { infer: true }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          migrationsRun: config.get('MIGRATIONS_RUN', { infer: true }),
        }),
      // Instances starting together migrate one at a time.
      dataSourceFactory: (options) => createMigratedDataSource(options as DataSourceOptions),
    }),
    RedisModule,
    CommonModule,
    HealthModule,
    AuthModule,
    UsersModule,
    AdminUnitsModule,
    FacilitiesModule,
    AuditModule,
    PeopleModule,
    PoliciesModule,
    StaysModule,
    JobsModule,
    AlertsModule,
    ExportsModule,
    IntakeListsModule,
    StaffingModule,
    TestingModule,
    TransferRequestsModule,
    CertificatesModule,
    HealthChecksModule,
    TodayModule,
    HomeMonitoringModule,
    ReportsModule,
    MetricsModule,
  ],
  providers: [
    // Registered as app providers (not in main.ts) so that tests boot with exactly the same pipe and filter.
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}

import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Environment } from '../config/environment';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { accountTracker, addressTracker, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        // A key object, made once: given a string, jsonwebtoken first tries to parse it as a PEM public
        // key on every verification (and fails, expensively) before treating it as an HMAC secret.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET', { infer: true })!)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      // Headers are set by LoginThrottlerGuard itself: the standard Retry-After, not one per throttler.
      useFactory: (config: ConfigService<Environment, true>) => [
        {
          name: LOGIN_PER_ACCOUNT,
          limit: config.get('LOGIN_RATE_LIMIT', { infer: true }),
          ttl: config.get('LOGIN_RATE_WINDOW_SECONDS', { infer: true }) * 1000,
          getTracker: accountTracker,
          setHeaders: false,
        },
        {
          name: LOGIN_PER_ADDRESS,
          limit: config.get('LOGIN_ADDRESS_RATE_LIMIT', { infer: true }),
          ttl: config.get('LOGIN_RATE_WINDOW_SECONDS', { infer: true }) * 1000,
          getTracker: addressTracker,
          setHeaders: false,
        },
        // The public certificate check (its route skips the login throttler, and login skips this one).
        { name: 'certificate-verify', limit: config.get('CERTIFICATE_VERIFY_RATE_LIMIT', { infer: true }), ttl: 60_000 },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottlerGuard, { provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AuthModule {}

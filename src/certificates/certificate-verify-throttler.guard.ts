import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The name of the throttler that limits the public certificate check (see the auth module's list). */
export const CERTIFICATE_VERIFY_THROTTLER = 'certificate-verify';

/** Counts certificate checks per client address: the public endpoint must not become a token oracle. */
@Injectable()
export class CertificateVerifyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return req.ip;
  }
}

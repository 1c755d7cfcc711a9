import { Module } from '@nestjs/common';
import { CertificateRegistryModule } from './certificate-registry.module';
import { CertificateVerifyThrottlerGuard } from './certificate-verify-throttler.guard';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

/** Release certificates: the PDFs and the public check. Numbers are issued by the registry at release. */
@Module({
  imports: [CertificateRegistryModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, CertificateVerifyThrottlerGuard],
})
export class CertificatesModule {}

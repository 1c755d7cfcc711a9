import { Module } from '@nestjs/common';
import { CertificateRegistry } from './certificate-registry';

/** The writer of certificate numbers, on its own so that releasing a stay can use it without the PDF side. */
@Module({ providers: [CertificateRegistry], exports: [CertificateRegistry] })
export class CertificateRegistryModule {}

import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/auth.decorators';
import { CertificateVerifyThrottlerGuard } from './certificate-verify-throttler.guard';
import { CertificatesService } from './certificates.service';
import { DayCertificatesQueryDto } from './dto/certificate.dto';
import { CertificateVerificationResponse } from './dto/certificate-verification.response';

const PDF_RESPONSE = { content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

@ApiTags('certificates')
@Controller({ version: '1' })
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('stays/:id/certificate')
  @ApiOperation({ summary: 'The release certificate of a completed stay, as an A4 PDF in Vietnamese' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate (PDF).', ...PDF_RESPONSE })
  @ApiNotFoundResponse({ description: 'No such stay (or not yours).' })
  @ApiUnprocessableEntityResponse({ description: 'Not released, or released with another outcome than completed (CERTIFICATE_NOT_ISSUED).' })
  async forStay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { pdf, number } = await this.certificates.forStay(actor, id);
    res.setHeader('Content-Disposition', `inline; filename="${number.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf"`);
    return new StreamableFile(pdf, { type: 'application/pdf' });
  }

  @Get('facilities/:id/certificates')
  @ApiOperation({ summary: 'Every certificate a facility issued on one day, one page each, in one PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The day’s certificates (PDF); a single page saying so when there are none.', ...PDF_RESPONSE })
  @ApiNotFoundResponse({ description: 'No such facility (or not yours).' })
  async forDay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DayCertificatesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { pdf, day, count } = await this.certificates.forDay(actor, id, query.releasedOn);
    res.setHeader('Content-Disposition', `inline; filename="certificates-${day}.pdf"`);
    res.setHeader('X-Certificate-Count', String(count));
    return new StreamableFile(pdf, { type: 'application/pdf' });
  }

  /** Public: what the QR code on a certificate opens. Limited per client address. */
  @Public()
  @Get('certificates/verify/:token')
  @SkipThrottle({ login: true })
  @UseGuards(CertificateVerifyThrottlerGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Check a release certificate by the code in its QR code (public, rate-limited)' })
  @ApiOkResponse({ type: CertificateVerificationResponse })
  @ApiNotFoundResponse({ description: 'No certificate carries this code.' })
  @ApiTooManyRequestsResponse({ description: 'Too many checks from this address; wait a minute.' })
  verify(@Param('token') token: string): Promise<CertificateVerificationResponse> {
    return this.certificates.verify(token);
  }
}

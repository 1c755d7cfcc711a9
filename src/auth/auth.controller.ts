import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/auth.decorators';
import { Environment } from '../config/environment';
import { AuthService, toSessionUser } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResponse, SessionUserResponse } from './dto/login.response';
import { SessionResponse } from './dto/session.response';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { clearSessionCookies, setSessionCookies, tokenFromRequest } from './session-cookies';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Signs in with username and password; returns a bearer token. */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ 'certificate-verify': true })
  @ApiOperation({ summary: 'Sign in and get a bearer token (for programs)' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password.' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts for this username, or for any usernames, from this address; see Retry-After.',
  })
  @ApiBody({
    type: LoginDto,
    examples: { campManager: { summary: 'A sample camp manager', value: { username: 'quanly.thamdon', password: 'thamdon-sample-2021' } } },
  })
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto.username, dto.password);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ 'certificate-verify': true })
  @ApiOperation({
    summary: 'Sign in from a browser',
    description:
      'Sets an httpOnly, SameSite=Strict session cookie (Secure in production) and a readable CSRF cookie. ' +
      'Requests authenticated by the cookie that change anything must echo the CSRF cookie in the X-CSRF-Token header, else 403 CSRF_FAILED.',
  })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password.' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts for this username, or for any usernames, from this address (counted with /auth/login); see Retry-After.',
  })
  @Post('session')
  @HttpCode(200)
  async startSession(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    const { accessToken, expiresIn, user } = await this.auth.login(dto.username, dto.password);
    const csrfToken = setSessionCookies(res, accessToken, expiresIn, this.secureCookies());
    return { expiresIn, csrfToken, user };
  }

  @Public()
  @ApiOperation({
    summary: 'Sign out: ends this session’s token (cookie or bearer) at once and clears the session cookies',
    description: 'Only the token sent is revoked; the user’s other sessions go on. Answers 204 even without a valid token.',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @Delete('session')
  @HttpCode(204)
  async endSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.revoke(tokenFromRequest(req)?.token);
    clearSessionCookies(res, this.secureCookies());
  }

  @ApiOperation({ summary: 'Who is signed in, with their role and scope' })
  @ApiUnauthorizedResponse({ description: 'Not signed in, or the session has expired.' })
  @Get('me')
  me(@CurrentActor() actor: Actor): SessionUserResponse {
    return toSessionUser(actor);
  }

  private secureCookies(): boolean {
    return this.config.get('NODE_ENV', { infer: true }) === 'production';
  }
}

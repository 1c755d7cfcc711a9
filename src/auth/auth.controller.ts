import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/auth.decorators';
import { AuthService, toSessionUser } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResponse, SessionUserResponse } from './dto/login.response';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Signs in with username and password; returns a bearer token. */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ 'certificate-verify': true })
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

  /** Who the token belongs to: role and scope. */
  @Get('me')
  me(@CurrentActor() actor: Actor): SessionUserResponse {
    return toSessionUser(actor);
  }
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A session token ended by a sign-out before its expiry. Written by AuthService on sign-out (which also
 * deletes the rows of tokens that have expired anyway); read by the guard's user query
 * (UsersService.findActiveActor), so a revoked token stops working at once.
 */
@Entity('revoked_tokens')
export class RevokedToken {
  /** The token's id (its jti claim). */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_revoked_tokens' })
  jti: string;

  /** When the token would have expired: after that the row is of no use. */
  @Index('IDX_revoked_tokens_expires_at')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}

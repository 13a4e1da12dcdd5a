/**
 * Sign-in: a bearer JWT names the annotator (`sub`) and the role (`role`). Two issuers:
 * - local (development and tests): HS256 with a secret generated into the server's folder; POST /auth/dev-token
 *   hands out tokens to anyone who can reach the loopback port.
 * - OIDC (production): the provider's tokens (RS256 etc.), checked against its JWKS, issuer and audience.
 * jose does the verification (signature, exp/nbf, algorithms), so none of that is ours to get wrong.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRemoteJWKSet, jwtVerify, SignJWT } from 'jose'
import type { JWTPayload } from 'jose'

export const ROLES = ['annotator', 'reviewer', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Identity {
  annotator: string
  role: Role
}

/** 401 with this message. */
export class AuthError extends Error {}

export interface OidcConfig {
  issuer: string
  audience: string
  jwksUrl: string
  /** The claim holding the role (default `role`); absent → annotator. */
  roleClaim?: string
}

export interface TokenIssuer {
  kind: 'local' | 'oidc'
  verify(token: string): Promise<Identity>
  /** Local issuer only. */
  sign?(identity: Identity, ttlSeconds?: number): Promise<string>
}

function identityOf(payload: JWTPayload, roleClaim: string): Identity {
  const sub = payload.sub
  if (typeof sub !== 'string' || sub.length < 1 || sub.length > 80) throw new AuthError('token: `sub` must be the annotator\'s name, 1 to 80 characters')
  const role = payload[roleClaim] ?? 'annotator'
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new AuthError(`token: \`${roleClaim}\` must be one of ${ROLES.join(', ')}`)
  return { annotator: sub, role: role as Role }
}

function describe(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e).code) : ''
  if (code === 'ERR_JWT_EXPIRED') return 'token expired: sign in again'
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'token signature is not valid'
  return `token not valid: ${e instanceof Error ? e.message : String(e)}`
}

/** The local HS256 issuer; the secret is kept in `secretFile` when given (tokens survive a restart). */
export function localIssuer(secretFile?: string): TokenIssuer {
  let secret: Uint8Array
  if (secretFile === undefined) secret = randomBytes(32)
  else {
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 })
    secret = new TextEncoder().encode(readFileSync(secretFile, 'utf8').trim())
  }
  return {
    kind: 'local',
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: 'proclens-local' })
        return identityOf(payload, 'role')
      } catch (e) {
        if (e instanceof AuthError) throw e
        throw new AuthError(describe(e))
      }
    },
    sign: (identity, ttlSeconds = 12 * 3600) => new SignJWT({ role: identity.role })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(identity.annotator).setIssuer('proclens-local')
      .setIssuedAt().setExpirationTime(`${ttlSeconds}s`).sign(secret),
  }
}

export function oidcIssuer(config: OidcConfig): TokenIssuer {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl))
  return {
    kind: 'oidc',
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer: config.issuer, audience: config.audience })
        return identityOf(payload, config.roleClaim ?? 'role')
      } catch (e) {
        if (e instanceof AuthError) throw e
        throw new AuthError(describe(e))
      }
    },
  }
}

/** OIDC from PROCLENS_OIDC_ISSUER / _AUDIENCE / _JWKS_URL (/ _ROLE_CLAIM); undefined when none is set. */
export function oidcFromEnv(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.PROCLENS_OIDC_ISSUER
  const audience = env.PROCLENS_OIDC_AUDIENCE
  const jwksUrl = env.PROCLENS_OIDC_JWKS_URL
  const set = [issuer, audience, jwksUrl].filter((v) => v !== undefined && v !== '')
  if (set.length === 0) return undefined
  if (issuer === undefined || audience === undefined || jwksUrl === undefined || set.length < 3) {
    throw new Error('OIDC needs all of PROCLENS_OIDC_ISSUER, PROCLENS_OIDC_AUDIENCE and PROCLENS_OIDC_JWKS_URL')
  }
  const roleClaim = env.PROCLENS_OIDC_ROLE_CLAIM
  return { issuer, audience, jwksUrl, ...(roleClaim !== undefined && roleClaim !== '' ? { roleClaim } : {}) }
}

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localIssuer, oidcFromEnv, oidcIssuer } from './tokens'

describe('local issuer', () => {
  it('signs and verifies; another secret, an expired token or a bad role is refused with a reason', async () => {
    const issuer = localIssuer()
    const token = await issuer.sign?.({ annotator: 'ann1', role: 'reviewer' })
    expect(await issuer.verify(token ?? '')).toEqual({ annotator: 'ann1', role: 'reviewer' })
    await expect(localIssuer().verify(token ?? '')).rejects.toThrow('token signature is not valid')
    const expired = await issuer.sign?.({ annotator: 'ann1', role: 'annotator' }, -10)
    await expect(issuer.verify(expired ?? '')).rejects.toThrow('token expired: sign in again')
  })
})

describe('OIDC issuer', () => {
  let jwksUrl: string
  let close: () => void
  let privateKey: CryptoKey
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256')
    privateKey = pair.privateKey
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: [jwk] }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
    close = () => server.close()
  })
  afterAll(() => close())

  const sign = (claims: Record<string, unknown>, sub: string, audience = 'proclens') => new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject(sub).setIssuer('https://id.example.org')
    .setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(privateKey)

  it('verifies the provider\'s RS256 tokens against its JWKS, issuer and audience; the role from the configured claim', async () => {
    const issuer = oidcIssuer({ issuer: 'https://id.example.org', audience: 'proclens', jwksUrl, roleClaim: 'proclens_role' })
    expect('sign' in issuer).toBe(false)
    expect(await issuer.verify(await sign({ proclens_role: 'admin' }, 'alice'))).toEqual({ annotator: 'alice', role: 'admin' })
    expect(await issuer.verify(await sign({}, 'bob'))).toEqual({ annotator: 'bob', role: 'annotator' })
    await expect(issuer.verify(await sign({}, 'bob', 'another-app'))).rejects.toThrow(/token not valid: .*aud/)
    await expect(issuer.verify(await sign({ proclens_role: 'owner' }, 'eve'))).rejects.toThrow('token: `proclens_role` must be one of annotator, reviewer, admin')
    await expect(issuer.verify(await sign({}, 'x'.repeat(81)))).rejects.toThrow(/`sub` must be the annotator's name/)
  })

  it('is configured by all three env vars or none', () => {
    expect(oidcFromEnv({})).toBeUndefined()
    expect(() => oidcFromEnv({ PROCLENS_OIDC_ISSUER: 'https://id.example.org' })).toThrow(/needs all of/)
    expect(oidcFromEnv({ PROCLENS_OIDC_ISSUER: 'i', PROCLENS_OIDC_AUDIENCE: 'a', PROCLENS_OIDC_JWKS_URL: 'http://j' })).toEqual({ issuer: 'i', audience: 'a', jwksUrl: 'http://j' })
  })
})

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { RespClient } from '../../nodes/shared/state/RespClient';
import { FakeRedisServer, resp } from './fakeRedisServer';
import { tempDir } from './helpers';

/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the openssl CLI (Node cannot
 * issue one), or openssl's own words when it could not be made.
 */
function selfSignedCertificate(): { key: string; cert: string } | { problem: string } {
	const dir = tempDir('tls');
	const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
	const result = spawnSync('openssl', [
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'1',
		'-subj',
		'/CN=127.0.0.1',
		'-addext',
		'subjectAltName=IP:127.0.0.1',
		'-keyout',
		keyFile,
		'-out',
		certFile,
	]);
	const pair =
		result.status === 0
			? { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') }
			: { problem: String(result.error ?? result.stderr).trim() };
	fs.rmSync(dir, { recursive: true, force: true });
	return pair;
}

const made = selfSignedCertificate();
const certificate = 'problem' in made ? undefined : made;

describe('RespClient over TLS (rediss://)', () => {
	let server: FakeRedisServer;

	beforeAll(async () => {
		// Without openssl every test here fails with this message rather than being skipped: a
		// skipped suite would let CI pass with rediss:// untested. The global setup installs openssl.
		if (!certificate)
			throw new Error(
				`openssl could not make the test certificate; install the Debian package "openssl": ${'problem' in made ? made.problem : ''}`,
			);
		server = await FakeRedisServer.start(
			(c) => (c[0] === 'ECHO' ? resp.bulk(c[1]) : resp.simple('OK')),
			{ tls: certificate, chunkSize: 2 },
		);
	});

	afterAll(async () => {
		await server?.stop(); // none when beforeAll failed
	});

	it('talks RESP inside TLS when the certificate is trusted', async () => {
		const client = new RespClient({
			url: `rediss://:pw@127.0.0.1:${server.port}/1`,
			tls: { ca: certificate?.cert },
		});
		expect(await client.command('ECHO', 'over tls')).toBe('over tls');
		expect(server.received.slice(0, 2)).toEqual([
			['AUTH', 'pw'],
			['SELECT', '1'],
		]);
		await client.close();
	});

	it('refuses a certificate it cannot verify', async () => {
		const client = new RespClient(server.url);
		await expect(client.command('PING')).rejects.toThrow(
			/Could not connect to Redis .*self-signed/,
		);
		await client.close();
	});
});

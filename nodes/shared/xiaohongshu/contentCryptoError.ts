/** Content that cannot be encrypted or read with the configured key; never carries plaintext. */
export class ContentCryptoError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ContentCryptoError';
	}
}

import type { XhsAppConfig } from './appConfig';
import { keyForm } from './encryptionKey';
import { PUSH_SUFFIXES, type PushKind } from './pushKinds';
import { readPushBody, type PushShape, type UnreadableCause } from './pushReceiver';

/**
 * The likely cause of a push the trigger could not read, said as the setting to change: an
 * ops lead reads this in a Health Check alert, not a stack trace.
 */
export interface Diagnosis {
	hint: string;
	/** Where to change it. */
	setting: string;
}

export function diagnoseUnreadable(
	cause: UnreadableCause,
	rawBody: string,
	config: XhsAppConfig,
	pathKind?: PushKind,
	shape?: PushShape,
): Diagnosis {
	if (cause === 'key') return diagnoseKey(rawBody, config, pathKind);
	if (
		cause === 'not-encrypted' &&
		(shape === 'r2-data' || shape === 'r2-plain') &&
		!isDm(rawBody)
	) {
		return {
			hint: 'Events arrive with their fields unencrypted (under "data"), and this trigger is set to refuse them without a signature.',
			setting:
				'Xiaohongshu Trigger → Options → Accept Unencrypted Events: on (or choose the Signature Check the console uses)',
		};
	}
	if (cause === 'not-encrypted') {
		return {
			hint: 'Pushes arrive with content that is not encrypted, so the trigger cannot tell them from forgeries.',
			setting:
				'Xiaohongshu app console: switch message encryption on (消息加密), or put a gateway that signs pushes in front and set Signature Check',
		};
	}
	if (cause === 'not-json') {
		return {
			hint: 'Pushes arrive with a body that is not JSON.',
			setting: 'Check that the console posts to this URL directly (no proxy rewriting the body)',
		};
	}
	return {
		hint: 'Pushes arrive in a shape this package does not read yet (see the preview). They are kept and can be replayed after an update.',
		setting: 'None to change: report the preview to the package maintainers',
	};
}

function isDm(rawBody: string): boolean {
	try {
		const body = JSON.parse(rawBody) as Record<string, unknown>;
		const fields = (body.data && typeof body.data === 'object' ? body.data : body) as Record<
			string,
			unknown
		>;
		return (
			fields.event === 'message' ||
			fields.message_id !== undefined ||
			fields.message_type !== undefined
		);
	} catch {
		return false;
	}
}

function diagnoseKey(rawBody: string, config: XhsAppConfig, pathKind?: PushKind): Diagnosis {
	// Would another of the credential's secrets have read it? Then the fields are swapped.
	for (const [name, candidate] of [
		['App Secret', config.appSecret],
		['Webhook Signing Secret', config.webhookSecret ?? ''],
	] as const) {
		if (!candidate || !keyForm(candidate) || candidate === config.encryptionKey) continue;
		if (readPushBody(rawBody, candidate, pathKind).kind === 'event') {
			return {
				hint: `Content decrypts with the ${name}, not with the Encryption Key.`,
				setting: `Credential → Encryption Key: put the console's 消息加密密钥 there (it is in the ${name} field now)`,
			};
		}
	}
	const form = keyForm(config.encryptionKey);
	if (form === 'text') {
		return {
			hint: "Content does not decrypt with the Encryption Key. It is a 16-character text key (revision 1's form); revision 2 consoles show the key as 32 hexadecimal characters.",
			setting:
				'Credential → Encryption Key: copy the 消息加密密钥 from the app console again (32 hexadecimal characters)',
		};
	}
	return {
		hint: 'Content does not decrypt with the Encryption Key (32 hexadecimal characters): the key was changed in the console, or belongs to another app.',
		setting:
			'Credential → Encryption Key: copy the 消息加密密钥 of this app from the console again',
	};
}

/** A push that was read fine but says a setting is off (spec §0 point 3). */
export function revisionNotice(shape: PushShape, config: XhsAppConfig): Diagnosis | undefined {
	const pushRevision = shape === 'r1-envelope' ? 'r1' : shape.startsWith('r2') ? 'r2' : undefined;
	if (!pushRevision || pushRevision === config.wireRevision) return undefined;
	const name = pushRevision === 'r2' ? 'Revision 2' : 'Revision 1';
	return {
		hint: `Pushes arrive in ${name}'s shape, but the credential says ${config.wireRevision === 'r2' ? 'Revision 2' : 'Revision 1'}: replies would be sent in the wrong wording.`,
		setting: `Credential → Wire Revision: ${name}`,
	};
}

export function eventNotice(kind: PushKind, pathSuffix: string | undefined): Diagnosis {
	const label = PUSH_SUFFIXES.find((s) => s.kind === kind)?.label ?? kind;
	const where = pathSuffix ? `with suffix ${pathSuffix}` : 'on this URL';
	return {
		hint: `Pushes of ${label} arrive ${where}, and this trigger does not start on them.`,
		setting: `Xiaohongshu Trigger → Events: add "${label}" if a workflow should handle them`,
	};
}

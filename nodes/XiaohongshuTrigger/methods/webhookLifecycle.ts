import type { IHookFunctions } from 'n8n-workflow';
import { appConfigFor, n8nHttp } from '../../shared/n8n';
import {
	readSandboxWebhook,
	registerSandboxWebhook,
	removeSandboxWebhook,
} from '../../shared/xiaohongshu';

/**
 * The trigger URL's registration: with the Sandbox environment it is registered (and removed)
 * for the user; with the real platform the user pastes it into the app console.
 */
export const webhookLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		const config = await appConfigFor(this);
		if (config.environment !== 'sandbox') return false;
		const registered = await readSandboxWebhook(n8nHttp(this), config.baseUrl);
		return registered === this.getNodeWebhookUrl('default');
	},
	async create(this: IHookFunctions): Promise<boolean> {
		const config = await appConfigFor(this);
		if (config.environment === 'sandbox') {
			await registerSandboxWebhook(
				n8nHttp(this),
				config.baseUrl,
				this.getNodeWebhookUrl('default') as string,
			);
		}
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		const config = await appConfigFor(this);
		if (config.environment === 'sandbox') {
			await removeSandboxWebhook(
				n8nHttp(this),
				config.baseUrl,
				this.getNodeWebhookUrl('default') as string,
			);
		}
		return true;
	},
};

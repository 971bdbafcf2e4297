import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { XiaohongshuDmApi } from '../../credentials/XiaohongshuDmApi.credentials';
import { XiaohongshuStateStoreApi } from '../../credentials/XiaohongshuStateStoreApi.credentials';
import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { XiaohongshuTrigger } from '../../nodes/XiaohongshuTrigger/XiaohongshuTrigger.node';
import { XiaohongshuKeywordReply } from '../../nodes/XiaohongshuKeywordReply/XiaohongshuKeywordReply.node';
import { XiaohongshuAssignAgent } from '../../nodes/XiaohongshuAssignAgent/XiaohongshuAssignAgent.node';
import { XiaohongshuCrmSync } from '../../nodes/XiaohongshuCrmSync/XiaohongshuCrmSync.node';
import { XiaohongshuServiceMetrics } from '../../nodes/XiaohongshuServiceMetrics/XiaohongshuServiceMetrics.node';
import { XiaohongshuHubspotApi } from '../../credentials/XiaohongshuHubspotApi.credentials';
import { XiaohongshuFeishuApi } from '../../credentials/XiaohongshuFeishuApi.credentials';
import { XiaohongshuCrmHttpApi } from '../../credentials/XiaohongshuCrmHttpApi.credentials';
import { XiaohongshuLinkSigningApi } from '../../credentials/XiaohongshuLinkSigningApi.credentials';
import { XiaohongshuKnowledgeBase } from '../../nodes/XiaohongshuKnowledgeBase/XiaohongshuKnowledgeBase.node';
import { TestItems } from './nodes/TestItems.node';
import { TestChatModel } from './nodes/TestChatModel.node';

export const PACKAGE = 'n8n-nodes-xiaohongshu-dm';

/** Node types under the names an installed package gets (`<package>.<node>`), as templates use. */
const NODE_TYPES: Record<string, INodeType> = {
	[`${PACKAGE}.xiaohongshu`]: new Xiaohongshu(),
	[`${PACKAGE}.xiaohongshuTrigger`]: new XiaohongshuTrigger(),
	[`${PACKAGE}.xiaohongshuKeywordReply`]: new XiaohongshuKeywordReply(),
	[`${PACKAGE}.xiaohongshuAssignAgent`]: new XiaohongshuAssignAgent(),
	[`${PACKAGE}.xiaohongshuCrmSync`]: new XiaohongshuCrmSync(),
	[`${PACKAGE}.xiaohongshuServiceMetrics`]: new XiaohongshuServiceMetrics(),
	[`${PACKAGE}.xiaohongshuKnowledgeBase`]: new XiaohongshuKnowledgeBase(),
	'test.items': new TestItems(),
	'test.chatModel': new TestChatModel(),
};

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	xiaohongshuDmApi: new XiaohongshuDmApi(),
	xiaohongshuStateStoreApi: new XiaohongshuStateStoreApi(),
	xiaohongshuHubspotApi: new XiaohongshuHubspotApi(),
	xiaohongshuFeishuApi: new XiaohongshuFeishuApi(),
	xiaohongshuCrmHttpApi: new XiaohongshuCrmHttpApi(),
	xiaohongshuLinkSigningApi: new XiaohongshuLinkSigningApi(),
};

export class TestNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = NODE_TYPES[nodeType];
		if (!type) throw new Error(`Unknown node type in fixture: ${nodeType}`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

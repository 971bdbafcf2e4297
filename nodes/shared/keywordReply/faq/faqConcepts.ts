import type { Synonym } from '../synonyms/synonymRows';

/**
 * Ways shoppers say the same thing in a question, read as one word by the knowledge base only
 * (questions and DMs alike): a DM that asks "多长时间" meets the entry stored as "多久", "半夜" meets
 * "晚上", "寄到" meets "发到". The first word of each group is the one both sides are read as.
 *
 * Kept to words of two characters or more (a single character is inside too many words: 能 in
 * 功能), to whole words (混油 would turn 混油皮 into 油皮皮), never a word that a question says
 * with a single character (能不能 → 可以 would lose 能 of "能便宜点吗"), and to what a shop's FAQ is about: duration, place, capacity, storage, opening,
 * skin types, delivery, reply hours, warranty. The rules do not read these: a keyword still
 * means what the admin wrote; these only help an entry find a question asked in other words.
 * The shop's own synonyms (xhs_synonyms) come first and win where they overlap.
 */
const GROUPS: ReadonlyArray<readonly string[]> = [
	['多久', '多长时间', '多少天', '几天', '多少时间', '多长'],
	['哪里', '哪儿', '什么地方', '在哪'],
	['怎么', '如何', '怎样', '怎么样'],
	['容量', '多大', '规格', '多少毫升', '几毫升', '多少ml', '几ml'],
	['保存', '存放', '放置', '放哪', '怎么放'],
	['开封', '打开', '开盖', '拆封'],
	['化妆', '上妆', '带妆'],
	['发到', '寄到', '送到', '寄去', '发往', '配送到'],
	['晚上', '半夜', '夜里', '夜间', '凌晨'],
	['回复', '回消息', '有人回', '回信息'],
	['消息', '讯息', '信息', '通知'],
	['保修', '质保', '包修'],
	['男生', '男士', '男的', '男人', '男朋友', '老公'],
	['学生', '学生党'],
	['怀孕', '孕妇', '孕期', '备孕'],
	['敏感肌', '敏感皮', '皮肤敏感', '敏肌'],
	['油皮', '油性皮肤', '油肌'],
	['干皮', '干性皮肤', '干肌', '皮肤干'],
	['痘痘', '痘痘肌', '长痘', '闭口', '粉刺'],
	['搓泥', '起屑', '起泥', '掉渣'],
	['眼周', '眼睛周围', '眼部'],
	['香味', '香精', '气味'],
	['备案', '登记', '注册证'],
	['门店', '实体店', '线下', '专柜'],
	['连接', '绑定', '配对', '连上'],
	['安卓', '安卓机', '安卓手机'],
	['防水', '进水', '沾水'],
	['游泳', '下水'],
	['到账', '退回来', '回到卡上'],
	['礼盒', '礼品包装', '礼物包装'],
];

export const FAQ_CONCEPTS: readonly Synonym[] = GROUPS.map(([means, ...words]) => ({
	means,
	words: [...words],
}));

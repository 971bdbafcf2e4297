/**
 * Phones by region, labelled by a person's reading: the numbers a person would record as THIS
 * customer's. Written with the libphonenumber change (a tuning set, not a held-out one): the
 * figures it gives are the extractor's on shapes it was built for, reported per region.
 *
 * Values: a mainland mobile as its 11 digits, every other number in E.164. `region` is where
 * the number belongs; negatives (region 'none') carry numbers that must not be taken: another
 * party's, order and tracking numbers, unallocated prefixes, placeholders, dates, amounts, and
 * regions outside the six.
 */
export type PhoneRegion = 'CN mobile' | 'CN landline' | 'HK' | 'MO' | 'TW' | 'SG' | 'MY' | 'none';

export interface RegionPhone {
	dm: string;
	region: PhoneRegion;
	phones: string[];
}

/** One labelled DM: its region and the customer's own numbers (none for region 'none'). */
export const r = (region: PhoneRegion, dm: string, ...phones: string[]): RegionPhone => ({
	dm,
	region,
	phones,
});

export const PHONE_REGIONS: RegionPhone[] = [
	r('CN mobile', '电话 13927461835，到货了通知我', '13927461835'),
	r('CN mobile', '+86 186-2240-7153 有事打这个', '18622407153'),
	r('CN mobile', '手机：１９９ ０７７２ ３４５６', '19907723456'),
	r('CN mobile', '我的是 166 1234 5678，晚上打', '16612345678'),
	r('CN mobile', '号码14723456789，可以收短信', '14723456789'),
	r('CN mobile', 'Tel: 0086 135 5123 4567', '13551234567'),
	r('CN landline', '公司座机 010-62345678，工作日找我', '+861062345678'),
	r('CN landline', '打我办公室电话 (021) 6432 1987', '+862164321987'),
	r('CN landline', '深圳的，座机0755-26781234', '+8675526781234'),
	r('CN landline', '固话：0571 8765 4321 白天有人', '+8657187654321'),
	r('CN landline', '家里电话 028-85431276，找我妈也行', '+862885431276'),
	r('CN landline', '座机02085431276', '+862085431276'),
	r('CN landline', '+86 10 6234 5678 是我们公司前台，找王小姐就是我', '+861062345678'),
	r('HK', '我在香港，电话 +852 9123 4567', '+85291234567'),
	r('HK', '香港號碼 +852 6123-4567 WhatsApp 同號', '+85261234567'),
	r('HK', '(+852) 5123 4567 收件人陳小姐', '+85251234567'),
	r('HK', '00852 9876 5432 麻烦寄顺丰到香港', '+85298765432'),
	r('HK', '＋８５２ ９１２３ ４５６７ 全角打的', '+85291234567'),
	r('MO', '澳门的，手机 +853 6612 3456', '+85366123456'),
	r('MO', '+853 6298 7654 請問可以寄澳門嗎', '+85362987654'),
	r('MO', '00853-66881234 收货打这个', '+85366881234'),
	r('TW', '台灣的朋友，手機 0912-345-678', '+886912345678'),
	r('TW', '+886 912 345 678 寄到台北', '+886912345678'),
	r('TW', '我的電話 0933 123 456，謝謝', '+886933123456'),
	r('TW', '(+886) 987-654-321 請問有貨嗎', '+886987654321'),
	r('SG', 'Singapore here, +65 9123 4567', '+6591234567'),
	r('SG', '新加坡 +65 8123-4567 能寄吗', '+6581234567'),
	r('SG', '0065 9876 5432 my number', '+6598765432'),
	r('MY', '我在吉隆坡 +60 12-345 6789', '+60123456789'),
	r('MY', '马来西亚的，012-345 6789', '+60123456789'),
	r('MY', '+60 16 789 0123 麻烦回个电话', '+60167890123'),
	r('MY', '手机 011-2345 6789（大马）', '+601123456789'),

	r('none', '15412345678 是我的号码', ''),
	r('none', '我电话 10012345678', ''),
	r('none', '电话 13800000000（随便填的）', ''),
	r('none', '+852 8888 8888', ''),
	r('none', '订单号 0123-4567-8901 还没发货', ''),
	r('none', '快递单号 SF1234567890123', ''),
	r('none', '2024-01-15 下单的，今天 2024-02-01 了', ''),
	r('none', '价格 0.5 元一片，买 100 片', ''),
	r('none', '你们客服电话 +852 2123 4567 一直没人接', ''),
	r('none', '快递员电话 0755-26781234 打不通', ''),
	r('none', '美国的朋友 +1 415 555 0100 说好用', ''),
	r('none', '日本 +81 90-1234-5678 能寄吗', ''),
	r('none', '单号01062345678查不到', ''),
	r('none', '会员号 0912345678 积分没到账', ''),
	r('none', '我的订单 20241215123456 什么时候发', ''),
	r('none', '01062345678', ''),
	r('none', '第 0755 期活动的券还能用吗', ''),
	r('none', '尺码 012 号有吗', ''),
].map((e) => (e.phones[0] === '' ? { ...e, phones: [] } : e));

export interface RegionFigures {
	/** Per region: numbers found of those labelled (recall), and numbers taken wrongly. */
	byRegion: Map<PhoneRegion, { tp: number; fn: number; fp: number }>;
	/** Every number taken that is not in the labels ("dm → value"). */
	wrong: string[];
}

/** A set's figures for a phone extractor (the test and eval:recognisers share them). */
export function phoneRegionFigures(
	phonesOf: (dm: string) => string[],
	set: RegionPhone[] = PHONE_REGIONS,
): RegionFigures {
	const byRegion: RegionFigures['byRegion'] = new Map();
	const wrong: string[] = [];
	for (const example of set) {
		const got = phonesOf(example.dm);
		const f = byRegion.get(example.region) ?? { tp: 0, fn: 0, fp: 0 };
		for (const v of got) {
			if (example.phones.includes(v)) f.tp++;
			else {
				f.fp++;
				wrong.push(`${example.dm} → ${v}`);
			}
		}
		f.fn += example.phones.filter((v) => !got.includes(v)).length;
		byRegion.set(example.region, f);
	}
	return { byRegion, wrong };
}

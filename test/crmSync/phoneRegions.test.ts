import { extractLeads } from '../../nodes/shared/crmSync/leads';
import { maskLeads } from '../../nodes/shared/crmSync/maskLeads';
import { phoneRegionFigures } from './phoneRegions';

describe('phones by region (libphonenumber behind the context rules)', () => {
	const { byRegion, wrong } = phoneRegionFigures((dm) => extractLeads(dm).phones);

	it('takes no number that is not the customer’s (precision 1.0)', () => {
		expect(wrong).toEqual([]);
	});

	it('finds every region it is built for, reported per region', () => {
		const lines = [...byRegion].map(
			([region, f]) =>
				`${region.padEnd(12)} recall ${(f.tp + f.fn ? f.tp / (f.tp + f.fn) : 1).toFixed(3)}  (${f.tp}/${f.tp + f.fn})`,
		);
		console.log(lines.join('\n'));
		for (const region of ['CN mobile', 'CN landline', 'HK', 'MO', 'TW', 'SG', 'MY'] as const)
			expect(byRegion.get(region)?.tp).toBeGreaterThan(0);
	});

	it('refuses an unallocated mainland prefix that has a mobile’s shape', () => {
		expect(extractLeads('电话 15412345678').phones).toEqual([]);
		expect(extractLeads('电话 15812345678').phones).toEqual(['15812345678']);
	});

	it('keeps CRM Sync 1–2 to mainland mobiles', () => {
		const dm = '香港 +852 9123 4567，内地 13812345678，座机 010-62345678';
		expect(extractLeads(dm, { phones: 'mainland-mobiles' }).phones).toEqual(['13812345678']);
		expect(extractLeads(dm).phones).toEqual(['+85291234567', '13812345678', '+861062345678']);
	});

	it('masks every region, keeping the country code and the last four digits', () => {
		expect(maskLeads('电话 +852 9123 4567 谢谢')).toBe('电话 +852****4567 谢谢');
		expect(maskLeads('座机 010-62345678')).toBe('座机 +86****5678');
		expect(maskLeads('台灣 0912-345-678')).toBe('台灣 +886****5678');
		// Someone else's number is masked too; an order number is not a phone at all.
		expect(maskLeads('快递员电话 0755-26781234')).toBe('快递员电话 +86****1234');
		expect(maskLeads('订单号 0123-4567-8901')).toBe('订单号 0123-4567-8901');
	});
});

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { parseDates, type WorkCalendar } from '../hours';
import { FieldError } from './fieldError';

/**
 * The calendar options of a node's collection (Keyword Reply's business hours, Assign Agent's
 * shifts, Service Metrics' service times): the same three fields everywhere, read with
 * calendarFromOptions. `hoursOf` says whose hours the days change.
 */
export function calendarOptionFields(hoursOf: string): {
	holidayCalendar: INodeProperties;
	holidays: INodeProperties;
	workdays: INodeProperties;
} {
	return {
		holidayCalendar: {
			displayName: 'Holiday Calendar',
			name: 'holidayCalendar',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'Only the holidays and working days below' },
				{
					name: 'Mainland China (国务院放假安排)',
					value: 'china',
					description:
						'Official holidays are off, make-up working days (调休) are worked; the dates below go on top',
				},
			],
			default: 'china',
			description: `Official days off and make-up working days for ${hoursOf}`,
		},
		holidays: {
			displayName: 'Holidays',
			name: 'holidays',
			type: 'string',
			default: '',
			placeholder: '2026-12-24, 2026-12-25',
			description: `Days off on top of the calendar: ${hoursOf} closed all day`,
		},
		workdays: {
			displayName: 'Make-Up Working Days',
			name: 'workdays',
			type: 'string',
			default: '',
			placeholder: '2026-12-26',
			description: `Weekends worked on top of the calendar: ${hoursOf} as on a weekday`,
		},
	};
}

/** The calendar a node's options describe; a bad date fails naming its field. */
export function calendarFromOptions(options: IDataObject): WorkCalendar {
	return {
		official: options.holidayCalendar === 'china' ? 'china' : 'none',
		holidays: FieldError.wrap('Holidays', () =>
			parseDates(String(options.holidays ?? ''), 'Holidays'),
		),
		workdays: FieldError.wrap('Make-Up Working Days', () =>
			parseDates(String(options.workdays ?? ''), 'Make-Up Working Days'),
		),
	};
}

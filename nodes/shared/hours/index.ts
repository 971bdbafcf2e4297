/** Time zones, calendars and hour windows, shared by Keyword Reply's business hours, agents' shifts and service times. */
export {
	calendarDay,
	NO_CALENDAR,
	parseDates,
	type CalendarDay,
	type WorkCalendar,
} from './calendar';
export { checkTimeZone, DAY_MS, localDayStart, localParts, localTime, zoneOffsetMs } from './clock';
export {
	businessMs,
	isOnShift,
	isWithinWindows,
	parseWorkingHours,
	type ShiftWindow,
} from './windows';

/** Time zones and hour windows, shared by Keyword Reply's business hours, agents' shifts and service times. */
export { DAY_MS, localDayStart, localParts, localTime, zoneOffsetMs } from './clock';
export { businessMs, inWindows, isOnShift, parseWorkingHours, type ShiftWindow } from './windows';

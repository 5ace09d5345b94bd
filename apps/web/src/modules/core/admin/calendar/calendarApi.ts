import { useQuery } from '@tanstack/react-query';
import type { CalendarImportResult, CalendarOverview, CalendarYearInput, CalendarYearView } from '@zhizhi/contracts';
import { api } from '../../../../api/client';

export const calendarKeys = {
  all: ['calendar'] as const,
  overview: ['calendar', 'overview'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
};

export function useCalendarOverview() {
  return useQuery({ queryKey: calendarKeys.overview, queryFn: () => api.get<CalendarOverview>('/api/reference/calendar') });
}

export function useCalendarYear(year: number | null) {
  return useQuery({
    queryKey: calendarKeys.year(year ?? 0),
    queryFn: () => api.get<CalendarYearView>(`/api/reference/calendar/${year}`),
    enabled: year !== null,
  });
}

export const saveCalendarYear = (year: number, body: CalendarYearInput) => api.put<CalendarYearView>(`/api/reference/calendar/${year}`, body);
export const deleteCalendarYear = (year: number) => api.del<CalendarYearView>(`/api/reference/calendar/${year}`);
export const importCalendarFile = (year: number, file: File) => api.upload<CalendarImportResult>(`/api/reference/calendar/${year}/import`, file);

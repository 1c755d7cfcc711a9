import { useEffect } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { allPages } from './pages';
import { navigate, useLocation } from './router';
import { useUser } from './session';
import { Field, useEnumText } from './ui';
import { useApi } from './use-api';

export type FacilitySummary = components['schemas']['FacilityResponse'];

/** The facilities the user sees (a camp manager: their own; a committee: its area; an admin: all). */
export function useFacilities() {
  return useApi(() => allPages((page, limit) => ok(api.GET('/api/v1/facilities', { params: { query: { page, limit } } }))), []);
}

/**
 * The facility a screen is about, kept in the address (`?facility=`) so it survives a reload: a camp
 * manager's own, or the one a committee or an admin picks (the first they see by default).
 */
export function useChosenFacility(): { facilityId: string | null; facilities: FacilitySummary[] | undefined } {
  const user = useUser();
  const { path, query } = useLocation();
  const facilities = useFacilities();
  const chosen = query.get('facility');
  const fallback = user.facilityId ?? facilities.data?.[0]?.id ?? null;
  useEffect(() => {
    if (!chosen && fallback) navigate(`${path}?facility=${fallback}`, { replace: true });
  }, [chosen, fallback, path]);
  return { facilityId: chosen ?? fallback, facilities: facilities.data };
}

/** A labelled facility select that writes the choice into the address; a camp manager has none to choose. */
export function FacilityPicker({ facilityId, facilities }: { facilityId: string | null; facilities: FacilitySummary[] | undefined }) {
  const { t } = useI18n();
  const user = useUser();
  const { path } = useLocation();
  if (user.role === 'camp_manager') return null;
  return (
    <Field label={t('facilityPicker.label')}>
      {(p) => (
        <select {...p} value={facilityId ?? ''} onChange={(e) => navigate(`${path}?facility=${e.target.value}`, { replace: true })}>
          {(facilities ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} ({f.code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Free beds of a facility, as options "room / bed (sex)" for an optional bed choice. */
export function useFreeBeds(facilityId: string | null) {
  const rooms = useApi(
    async () =>
      facilityId
        ? allPages((page, limit) => ok(api.GET('/api/v1/facilities/{id}/rooms', { params: { path: { id: facilityId }, query: { page, limit } } })))
        : [],
    [facilityId],
  );
  return freeBedsOf(rooms.data ?? []);
}

/** The available beds of these rooms, each with its room. */
export function freeBedsOf(rooms: components['schemas']['RoomResponse'][]) {
  return rooms.flatMap((r) => r.beds.filter((b) => b.status === 'available').map((b) => ({ room: r, bed: b })));
}

export type FreeBed = ReturnType<typeof freeBedsOf>[number];

/** A select of free beds ("room · bed · who the room takes"); the empty choice says what no bed means here. */
export function BedSelect({
  beds,
  value,
  onChange,
  emptyLabel,
  ...props
}: {
  beds: FreeBed[];
  value: string;
  onChange: (bedId: string) => void;
  emptyLabel: string;
  id: string;
  'aria-describedby'?: string;
  name?: string;
}) {
  const { t } = useI18n();
  const enumText = useEnumText();
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {beds.map(({ room, bed }) => (
        <option key={bed.id} value={bed.id}>
          {t('admit.bedOption', { room: room.code, bed: bed.code, sex: enumText('sexPolicy', room.sexPolicy) })}
        </option>
      ))}
    </select>
  );
}

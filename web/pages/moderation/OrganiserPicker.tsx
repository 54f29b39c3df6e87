import { usePage } from "../../ui/context";

/**
 * The GET form that chooses whose queue, settings or decisions to show (works without JS). With
 * `allLabel`, an empty choice meaning "every organiser" comes first.
 */
export function OrganiserPicker(p: { action: string; organisers: { id: string; name: string }[]; selected: string | null; allLabel?: string }) {
  const { t } = usePage();
  return (
    <form method="get" action={p.action} class="form">
      <div class="field">
        <label for="f-organiser">{t("moderation.queue.organiser")}</label>
        <select id="f-organiser" name="organiser">
          {p.allLabel !== undefined && (
            <option value="" selected={!p.selected}>
              {p.allLabel}
            </option>
          )}
          {p.organisers.map((o) => (
            <option key={o.id} value={o.id} selected={o.id === p.selected}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="btn btn--secondary">
        {t("moderation.queue.show")}
      </button>
    </form>
  );
}

import type { MessageKey } from "../../../i18n";
import { usePage } from "../../../ui/context";
import { tieBreakLabel } from "./cells";

/** The settings the method is stated from (the competition's, see worker/competitions/results/ranking.ts). */
export interface MethodSettings {
  juryWeight: number;
  publicWeight: number;
  juryNormalisation: string;
  publicNormalisation: string;
  precision: number;
  tieBreak: string[];
  winners: number;
  minExperts?: number;
}

/**
 * How the result was computed, in words (the shared vocabulary for normalisations and tie-breaks):
 * what a reader needs to check every number of the table by hand.
 */
export function Method({ s }: { s: MethodSettings }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="results-method">
      <h2 id="results-method">{t("competitions.results.method.title")}</h2>
      <ul class="results-method">
        <li>{t("competitions.results.method.total", { jury: s.juryWeight, public: s.publicWeight })}</li>
        <li>
          {t("competitions.results.method.jury")} {t(`competitions.juryNormalisation.${s.juryNormalisation}` as MessageKey)}. {t("competitions.results.method.noJury")}
        </li>
        <li>
          {t("competitions.results.method.public")} {t(`competitions.publicNormalisation.${s.publicNormalisation}` as MessageKey)}. {t("competitions.results.method.noVotes")}
        </li>
        <li>{t("competitions.results.method.rounding", { n: s.precision })}</li>
        <li>
          {t("competitions.results.method.tieBreak")}{" "}
          {s.tieBreak.length ? s.tieBreak.map((k, i) => `${i + 1}) ${tieBreakLabel(t, k)}`).join("; ") : t("competitions.results.method.noTieBreak")}.{" "}
          {t("competitions.results.method.shared")}
        </li>
        <li>{t(s.winners === 1 ? "competitions.results.method.winner" : "competitions.results.method.winners", { n: s.winners })}</li>
        {s.minExperts !== undefined && <li>{t("competitions.results.method.minExperts", { n: s.minExperts })}</li>}
      </ul>
    </section>
  );
}

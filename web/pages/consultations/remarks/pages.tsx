import { Notice } from "../../../ui/blocks";
import { usePage } from "../../../ui/context";
import { Form } from "../../../ui/Form";
import { Discussion } from "../../comments/Discussion";
import type { ClauseRemarksPageProps, ConsultationHead, DocumentRemarksPageProps, RemarkPageProps } from "./props";
import { RemarkCard } from "./RemarkCard";
import { RemarksSection } from "./RemarksSection";

function Head({ c, heading }: { c: ConsultationHead; heading: string }) {
  const { t } = usePage();
  return (
    <>
      <p class="breadcrumbs">
        <a href={c.href}>{c.title}</a> · {t("consultations.remarks.version", { n: c.versionNumber })}
      </p>
      <h1>{heading}</h1>
    </>
  );
}

/** One clause: its number, text and addressees, its remarks and the remark form (or when remarks are accepted). */
export function ClauseRemarksPage(p: ClauseRemarksPageProps) {
  const { t } = usePage();
  const cl = p.clause;
  const heading = cl.number ? t("consultations.clause", { number: cl.number }) : t(`consultations.clauseKind.${cl.kind}`);
  return (
    <article class="clause-page">
      <Head c={p.consultation} heading={heading} />
      <section aria-labelledby="clause-text-title" class="clause-text">
        <h2 id="clause-text-title" class="visually-hidden">
          {t("consultations.remarks.clauseText")}
        </h2>
        <p class="pre-line">{cl.text}</p>
        {cl.addressees.length > 0 && (
          <p class="doc-to">
            {t("consultations.addressees")}: {cl.addressees.join("; ")}
          </p>
        )}
        <p>
          <a href={`${p.consultation.href}#clause-${cl.id}`}>{t("consultations.remarks.back")}</a>
        </p>
      </section>
      <RemarksSection {...p.remarks} />
    </article>
  );
}

/** Remarks on the document as a whole, and the form. */
export function DocumentRemarksPage(p: DocumentRemarksPageProps) {
  const { t } = usePage();
  return (
    <article>
      <Head c={p.consultation} heading={t("consultations.remarks.document.heading")} />
      <p>
        <a href={p.consultation.href}>{t("consultations.remarks.back")}</a>
      </p>
      <RemarksSection {...p.remarks} />
    </article>
  );
}

/** One remark, its support, the author's delete (no editing), and the replies (the comments module's discussion). */
export function RemarkPage(p: RemarkPageProps) {
  const { t } = usePage();
  const r = p.remark;
  return (
    <article class="remark-page">
      <Head c={p.consultation} heading={t("consultations.remarks.page.title", { title: p.consultation.title })} />
      {p.clause && (
        <section aria-labelledby="clause-text-title" class="clause-text">
          <h2 id="clause-text-title">{p.clause.number ? t("consultations.clause", { number: p.clause.number }) : t("consultations.remarks.clauseText")}</h2>
          <p class="pre-line">{p.clause.text}</p>
          <p>
            <a href={`/consultations/${encodeURIComponent(p.consultation.id)}/clauses/${encodeURIComponent(p.clause.id)}`}>{t("consultations.remarks.backToClause")}</a>
          </p>
        </section>
      )}
      {r.status === "hidden" && (
        <Notice>
          {t("consultations.remarks.hiddenNotice")}
          {p.hiddenReason && <> {t("consultations.remarks.hiddenReason", { reason: p.hiddenReason })}</>}
        </Notice>
      )}
      <RemarkCard remark={r} headingLevel={2} showOpenLink={false} />
      {p.deleteAction && (
        <details class="remark-delete">
          <summary>{t("consultations.remarks.delete")}</summary>
          <p>{t("consultations.remarks.deleteHint")}</p>
          <Form action={p.deleteAction} class="inline-form">
            <button type="submit" class="btn btn--danger">
              {t("consultations.remarks.delete")}
            </button>
          </Form>
        </details>
      )}
      <section id="comments" aria-labelledby="comments-heading">
        <Discussion {...p.discussion} />
      </section>
    </article>
  );
}

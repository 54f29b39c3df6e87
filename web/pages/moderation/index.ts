import type { FunctionComponent } from "preact";
import { PublicModerationPage } from "./PublicPage";
import { QueuePage } from "./QueuePage";
import { ReportPage } from "./ReportPage";
import { ModerationSettingsPage } from "./SettingsPage";

/** Pages of the moderation module by id ("moderation/<page>"). */
export const moderationPageComponents = {
  "moderation/report": ReportPage,
  "moderation/queue": QueuePage,
  "moderation/settings": ModerationSettingsPage,
  "moderation/public": PublicModerationPage,
} satisfies Record<string, FunctionComponent<any>>;

package ca.careorchestrator.app.web;

import ca.careorchestrator.core.allocation.Audience;
import ca.careorchestrator.core.allocation.Decision;
import ca.careorchestrator.core.allocation.Opening;
import ca.careorchestrator.core.allocation.PolicyDefect;
import ca.careorchestrator.core.allocation.Reason;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.Territory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Allocation policies in words, French or English (messages {@code allocation.*}): audiences, openings, reasons,
 * decisions and defects. Core hands codes; the API and the pages say them with this.
 */
@Component
public final class AllocationTexts {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

    private final MessageSource messages;

    AllocationTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String stage(ReleaseStage stage, Locale locale) {
        return audience(stage.audience(), locale) + ", " + opening(stage.opening(), locale);
    }

    public String audience(Audience audience, Locale locale) {
        return switch (audience) {
            case Audience.ReferredOrphan(var atLeast) -> text("allocation.audience.REFERRED_ORPHAN", locale, atLeast.name());
            case Audience.AgeBand(int from, int to) -> text("allocation.audience.AGE_BAND", locale, from, to);
            case Audience.ResidentOf(Territory territory) -> switch (territory) {
                case Territory.Region(var code) -> text("allocation.audience.RESIDENT_OF.REGION", locale, code.value());
                case Territory.LocalNetwork(var code) -> text("allocation.audience.RESIDENT_OF.LOCAL_NETWORK", locale, code.value());
                case Territory.SlotRegion r -> text("allocation.audience.RESIDENT_OF.SLOT_REGION", locale);
                case Territory.SlotLocalNetwork n -> text("allocation.audience.RESIDENT_OF.SLOT_LOCAL_NETWORK", locale);
            };
            default -> text("allocation.audience." + audience.code(), locale);
        };
    }

    public String opening(Opening opening, Locale locale) {
        return switch (opening) {
            case Opening.FromPublication p -> text("allocation.opening.PUBLICATION", locale);
            case Opening.BeforeStart(Duration lead) -> text("allocation.opening.BEFORE_START", locale, duration(lead, locale));
        };
    }

    /** "72 h", "3 j" / "3 d", "90 min". */
    public String duration(Duration lead, Locale locale) {
        long minutes = lead.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes >= 7 * 24 * 60) {
            return text("allocation.days", locale, minutes / (24 * 60));
        }
        if (minutes % 60 == 0) {
            return text("allocation.hours", locale, minutes / 60);
        }
        return text("allocation.minutes", locale, minutes);
    }

    public String reason(Reason reason, Locale locale) {
        return text("allocation.reason." + reason.name(), locale);
    }

    public String decision(Decision decision, Locale locale) {
        return switch (decision) {
            case Decision.Admitted(int stage, var by) -> text("allocation.decision.ADMITTED", locale, stage);
            case Decision.NotYet(int stage, var by, Instant opensAt) -> text("allocation.decision.NOT_YET", locale, stage, when(opensAt, locale));
            case Decision.NotAdmitted n -> text("allocation.decision.NOT_ADMITTED", locale);
        };
    }

    public String defect(PolicyDefect defect, Locale locale) {
        return text("allocation.defect." + defect.kind().name(), locale, defect.stage().orElse(0), defect.other().orElse(0));
    }

    /** "jeudi 10 décembre 2026, 10 h 00" / "Thursday, December 10, 2026, 10:00 AM", in Quebec time. */
    public String when(Instant instant, Locale locale) {
        boolean english = locale != null && locale.getLanguage().equals("en");
        DateTimeFormatter format = DateTimeFormatter.ofPattern(english ? "EEEE, MMMM d, yyyy, h:mm a" : "EEEE d MMMM yyyy, H 'h' mm",
                english ? Locale.CANADA : Locale.CANADA_FRENCH).withZone(QUEBEC);
        return format.format(instant);
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale == null ? Locale.CANADA_FRENCH : locale);
    }
}

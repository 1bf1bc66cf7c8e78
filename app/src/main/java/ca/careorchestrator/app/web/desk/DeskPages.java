package ca.careorchestrator.app.web.desk;

import ca.careorchestrator.app.allocation.Admissions;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.desk.DeskActions;
import ca.careorchestrator.app.desk.DeskQueue;
import ca.careorchestrator.app.desk.QueueEntry;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.orientation.Orientation;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.orientation.Answers;
import ca.careorchestrator.core.orientation.OrientationResult;
import ca.careorchestrator.core.orientation.Outcome;
import ca.careorchestrator.core.orientation.Recommendation;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.app.web.booking.QuebecTime;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The access desk's pages, French first: the queue of the nurse's region ({@code /guichet}) and one request
 * ({@code /guichet/demandes/{id}}): its priority (kept on the waitlist with it), the slots its patient may take (the
 * request's service near its area) and booking one on the patient's behalf. A request of another region is refused
 * ({@code desk-other-region}, the error page) before anything is read or changed.
 */
@Controller
class DeskPages {

    static final int SLOTS = 8;
    private static final Duration SEARCH = Duration.ofDays(30);

    private final DeskQueue queue;
    private final DeskActions actions;
    private final CurrentActor actors;
    private final ca.careorchestrator.app.security.FairnessGuards guards;
    private final Catalog catalog;
    private final Admissions admissions;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final MessageSource messages;
    private final Clock clock;
    private final Orientation orientation;
    private static final java.time.ZoneId QUEBEC = java.time.ZoneId.of("America/Montreal");

    DeskPages(DeskQueue queue, DeskActions actions, CurrentActor actors, ca.careorchestrator.app.security.FairnessGuards guards, Catalog catalog, Admissions admissions, Directory directory,
            ServiceTypes serviceTypes, MessageSource messages, Clock clock, Orientation orientation) {
        this.orientation = orientation;
        this.queue = queue;
        this.actions = actions;
        this.actors = actors;
        this.guards = guards;
        this.catalog = catalog;
        this.admissions = admissions;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.messages = messages;
        this.clock = clock;
    }

    /** A queue row as shown: the age in days and hours, the breach as words (never colour alone). */
    record Row(String id, String priority, String priorityLabel, String age, String service, String area, String state, String breachAt,
            boolean breached) {
    }

    record Slot(String id, String clinic, String when, String modality, String distance, String channel) {
    }

    @GetMapping("/guichet")
    String queue(@RequestParam(required = false) String priority, Model model, Locale locale) {
        RegionCode region = region();
        Optional<Optional<PriorityCode>> only = priority == null || priority.isBlank() ? Optional.empty()
                : Optional.of(priority.equals("none") ? Optional.empty() : parse(priority));
        List<Row> rows = queue.queue(region, new DeskQueue.Filter(Optional.empty(), only)).stream().map(e -> row(e, locale)).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("breaches", rows.stream().filter(Row::breached).count());
        model.addAttribute("region", directory.region(region).map(r -> r.name()).orElse(region.value()));
        model.addAttribute("priority", priority == null ? "" : priority);
        model.addAttribute("codes", codes(locale));
        return "desk/queue";
    }

    /** What the orientation table said for this request, as shown; {@code service} empty unless it leads to a booking. */
    record Oriented(String kind, String why, Optional<ServiceTypeCode> service, String maxDelay, String suggestedPriority) {
    }

    /**
     * The request, oriented when {@code reason} is given (the patient's age from their NAM; not registered: an orphan):
     * a booking recommendation sets the searched service and suggests the priority whose delay fits; a red flag says 911
     * or 811 and searches nothing.
     */
    @GetMapping("/guichet/demandes/{id}")
    String request(@PathVariable String id, @RequestParam(required = false) String reason, @RequestParam(required = false) String pregnant,
            @RequestParam(required = false) String chronic, Model model, Locale locale, HttpServletRequest http) {
        DeskActions.Opened opened = actions.open(requestId(id), region(), Actors.current(http));
        QueueEntry entry = opened.entry();
        Language language = language(locale);
        Optional<Oriented> oriented = reason == null || reason.isBlank() ? Optional.empty()
                : Optional.of(orient(reason.strip(), opened, "on".equals(pregnant), "on".equals(chronic), language));
        model.addAttribute("row", row(entry, locale));
        model.addAttribute("patient", opened.patient().givenName() + " " + opened.patient().familyName());
        model.addAttribute("open", entry.state().equals("OPEN"));
        model.addAttribute("codes", codes(locale));
        model.addAttribute("current", entry.priority().map(Enum::name)
                .orElse(oriented.map(Oriented::suggestedPriority).orElse("")));
        model.addAttribute("reasons", orientation.reasons().stream().map(r -> new Row(r.code(), r.code(), r.label(language), "", "", "", "", "", r.redFlag())).toList());
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("pregnant", "on".equals(pregnant));
        model.addAttribute("chronic", "on".equals(chronic));
        model.addAttribute("oriented", oriented.orElse(null));
        boolean searches = entry.state().equals("OPEN") && oriented.map(o -> o.service().isPresent()).orElse(true);
        model.addAttribute("slots", searches ? slots(entry, oriented.flatMap(Oriented::service).orElse(entry.service()), locale) : List.of());
        model.addAttribute("searched", serviceTypes.find(oriented.flatMap(Oriented::service).orElse(entry.service()).value())
                .map(t -> t.name(language)).orElse(entry.service().value()));
        return "desk/request";
    }

    private Oriented orient(String reason, DeskActions.Opened opened, boolean pregnant, boolean chronic, Language language) {
        int age = java.time.Period.between(opened.patient().nam().birthDate(), java.time.LocalDate.ofInstant(clock.instant(), QUEBEC)).getYears();
        Answers answers = new Answers(Optional.of(reason), Optional.empty(), Optional.of(age), Optional.of(pregnant), Optional.of(chronic),
                Optional.of(false));
        return switch (orientation.orient(answers)) {
            case OrientationResult.Recommended recommended -> {
                Recommendation r = recommended.recommendation();
                yield switch (r.outcome()) {
                    case Outcome.Book book -> new Oriented("book", r.why(language), Optional.of(book.service()), days(book.maxDelay(), language),
                            suggested(book.maxDelay()).name());
                    case Outcome.CallEmergency emergency -> new Oriented("911", r.why(language), Optional.empty(), "", PriorityCode.A.name());
                    case Outcome.CallInfoLine line -> new Oriented("811", r.why(language), Optional.empty(), "", "");
                };
            }
            case OrientationResult.NotOriented refused -> new Oriented("refused", refused.defects().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(", ")), Optional.empty(), "", "");
        };
    }

    /** The least urgent code whose maximum delay still meets the recommended one (A if none does). */
    private PriorityCode suggested(Duration maxDelay) {
        PriorityCode fits = PriorityCode.A;
        for (PriorityCode code : PriorityCode.values()) {
            if (queue.codes().maxDelay(code).compareTo(maxDelay) <= 0) {
                fits = code;
            }
        }
        return fits;
    }

    private static String days(Duration delay, Language language) {
        long hours = delay.toHours();
        String unit = language == Language.EN ? (hours % 24 == 0 ? " d" : " h") : (hours % 24 == 0 ? " j" : " h");
        return hours % 24 == 0 ? delay.toDays() + unit : hours + unit;
    }

    @PostMapping("/guichet/demandes/{id}/priorite")
    String priority(@PathVariable String id, @RequestParam(required = false) String priority, RedirectAttributes redirect) {
        Optional<PriorityCode> code = priority == null || priority.isBlank() ? Optional.empty() : parse(priority);
        actions.setPriority(requestId(id), code, region(), actors.requester().toString());
        redirect.addFlashAttribute("notice", "priority");
        return "redirect:/guichet/demandes/" + id;
    }

    @PostMapping("/guichet/demandes/{id}/reserver")
    String book(@PathVariable String id, @RequestParam String slotId, HttpServletRequest http, RedirectAttributes redirect) {
        SlotId slot;
        try {
            slot = new SlotId(UUID.fromString(slotId.strip()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, "slotId");
        }
        BookOutcome booked = actions.book(requestId(id), slot, region(), actors::actorFor, guards::holdIfAdmitted, Actors.current(http));
        redirect.addFlashAttribute("notice", switch (booked) {
            case BookOutcome.Confirmed c -> "booked";
            case BookOutcome.Pending p -> "pending";
            case BookOutcome.HandedOver h -> "handedOver";
            case BookOutcome.SlotTaken t -> "booked";
            case BookOutcome.HoldExpired e -> "booked";
            case BookOutcome.HoldNotFound n -> "booked";
            case BookOutcome.SourceUnavailable u -> "booked";
        });
        return "redirect:/guichet/demandes/" + id;
    }

    private List<Slot> slots(QueueEntry entry, ServiceTypeCode service, Locale locale) {
        Instant now = clock.instant();
        Optional<SlotQuery.Near> near = directory.postalArea(entry.area()).map(a -> new SlotQuery.Near(a.centroid(), 50));
        SlotQuery query = new SlotQuery(Optional.of(entry.region()), near, Optional.of(service), Optional.empty(), Optional.empty(),
                Optional.empty(), now, now.plus(SEARCH), SlotQuery.Order.SOONEST, 0, SLOTS);
        QuebecTime time = new QuebecTime(locale);
        try {
            return catalog.search(query, admissions.visibilityFor(admissions.applicant(entry.patient()))).hits().stream()
                    .map(hit -> slot(hit, time, locale)).toList();
        } catch (Catalog.NotReady notReady) {
            return List.of();
        }
    }

    private Slot slot(SlotHit hit, QuebecTime time, Locale locale) {
        Language language = language(locale);
        String distance = hit.distanceKm().isPresent() ? Math.round(hit.distanceKm().getAsDouble()) + " km" : "";
        return new Slot(hit.id().toString(), hit.clinicName(), time.dateTime(hit.start()),
                hit.modality().name(language), distance, hit.channel().name());
    }

    private Row row(QueueEntry e, Locale locale) {
        Language language = language(locale);
        String service = serviceTypes.find(e.service().value()).map(t -> t.name(language)).orElse(e.service().value());
        long days = e.age().toDays();
        String age = messages.getMessage("desk.age", new Object[] {days, e.age().toHoursPart()}, locale);
        QuebecTime time = new QuebecTime(locale);
        return new Row(e.id().toString(), e.priority().map(Enum::name).orElse(""),
                e.priority().map(p -> queue.codes().meaning(p).label().get(language)).orElse(""), age, service,
                e.area().value() + " · " + e.place(), e.state(), e.breachAt().map(time::date).orElse(""), e.breached());
    }

    private List<Row> codes(Locale locale) {
        Language language = language(locale);
        return Arrays.stream(PriorityCode.values()).map(p -> new Row("", p.name(), queue.codes().meaning(p).label()
                .get(language), "", "", "", "", "", false)).toList();
    }

    private static Language language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? Language.EN : Language.FR;
    }

    private RegionCode region() {
        return actors.deskRegion().orElseThrow(() -> new ProblemException(Problem.FORBIDDEN));
    }

    private static CareRequestId requestId(String id) {
        try {
            return new CareRequestId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, "id");
        }
    }

    private static Optional<PriorityCode> parse(String priority) {
        try {
            return Optional.of(PriorityCode.valueOf(priority.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.UNKNOWN_PRIORITY, priority.length() > 20 ? priority.substring(0, 20) : priority);
        }
    }
}

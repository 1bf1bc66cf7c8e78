package ca.careorchestrator.core.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a candidate policy would do to a set of slots (a clinic's next week), before it is saved: for each stage, how
 * many of the slots still ahead open to its audience, how many of those are open to it already at {@code now}, and on which days (in Quebec) the others open.
 */
public final class WhatIf {

    private WhatIf() {
    }

    /** One stage's forecast. {@code opening} counts slots by the Quebec day they open to this audience. */
    public record StageForecast(int number, ReleaseStage stage, int slots, int openNow, SortedMap<LocalDate, Integer> opening) {

        public StageForecast {
            opening = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(opening));
        }
    }

    public record Forecast(int slots, List<StageForecast> stages) {

        public Forecast {
            stages = List.copyOf(stages);
        }
    }

    public static Forecast of(AllocationPolicy policy, Collection<SlotFacts> slots, Instant now) {
        List<StageForecast> stages = new ArrayList<>();
        for (int i = 0; i < policy.stages().size(); i++) {
            ReleaseStage stage = policy.stages().get(i);
            int opens = 0;
            int openNow = 0;
            SortedMap<LocalDate, Integer> byDay = new TreeMap<>();
            for (SlotFacts slot : slots) {
                if (!slot.start().isAfter(now)) {
                    continue; // started already: it opens to nobody any more
                }
                Optional<Instant> at = stage.opening().opensAt(slot.start());
                opens++;
                if (stage.opening().isOpen(slot.start(), now)) {
                    openNow++;
                } else {
                    byDay.merge(LocalDate.ofInstant(at.orElseThrow(), Audience.QUEBEC), 1, Integer::sum);
                }
            }
            stages.add(new StageForecast(i + 1, stage, opens, openNow, byDay));
        }
        return new Forecast(slots.size(), stages);
    }
}

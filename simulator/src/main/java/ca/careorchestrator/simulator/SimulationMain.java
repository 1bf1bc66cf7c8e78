package ca.careorchestrator.simulator;

import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated platforms of a province on their own, outside the orchestrator (for tests and benchmarks
 * against another process). Prints, for each system, the {@code care.ingestion.sources[n]} properties an
 * orchestrator started with {@code care.provisioning.slots=sources} and {@code care.simulation.enabled=false}
 * reads them with, then keeps the clinics' desks busy until stopped.
 *
 * <pre>./mvnw -q -pl simulator exec:java -Dexec.mainClass=ca.careorchestrator.simulator.SimulationMain -Dexec.args="--preset tiny"</pre>
 * Options: --preset (region), --seed, --weeks (8), --first-day (today in Montreal), --dir (./simulation),
 * --mllp-base-port (2600: HL7 systems push to base, base+1, ... in the order printed), --tick-seconds (10).
 */
public final class SimulationMain {

    private SimulationMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Preset preset = Preset.fromCode(options.getOrDefault("preset", "region"));
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(ProvinceSpec.DEFAULT_SEED)));
        int weeks = Integer.parseInt(options.getOrDefault("weeks", "8"));
        LocalDate firstDay = LocalDate.parse(options.getOrDefault("first-day", LocalDate.now(ZoneId.of("America/Montreal")).toString()));
        int mllpBase = Integer.parseInt(options.getOrDefault("mllp-base-port", "2600"));
        Duration tick = Duration.ofSeconds(Long.parseLong(options.getOrDefault("tick-seconds", "10")));
        List<SourceSystem> hl7 = List.of(SourceSystem.values()).stream()
                .filter(s -> s.protocol() == ca.careorchestrator.core.care.Protocol.HL7V2_MLLP).toList();

        Clock clock = Clock.systemUTC();
        try (Simulation simulation = Simulation.start(ProvinceGenerator.generate(new ProvinceSpec(preset, seed, firstDay, weeks)), clock,
                SimulatedPlatform.Rates.TYPICAL, Path.of(options.getOrDefault("dir", "simulation")),
                system -> mllpBase + hl7.indexOf(system))) {
            int n = 0;
            for (Simulation.Endpoint endpoint : simulation.endpoints()) {
                System.out.printf("care.ingestion.sources[%d].system=%s%n", n, endpoint.system());
                System.out.printf("care.ingestion.sources[%d].endpoint=%s%n", n, endpoint.uri());
                for (Map.Entry<String, String> setting : endpoint.settings().entrySet()) {
                    System.out.printf("care.ingestion.sources[%d].settings[%s]=%s%n", n, setting.getKey(), setting.getValue());
                }
                n++;
            }
            System.out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(tick);
                simulation.tick(tick);
            }
        }
    }
}

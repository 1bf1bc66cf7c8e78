package ca.careorchestrator.app.ingestion.persistence;

import ca.careorchestrator.app.ingestion.Checkpoints;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcCheckpoints implements Checkpoints {

    private final JdbcClient jdbc;

    JdbcCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> checkpoint(SourceSystem source) {
        return jdbc.sql("select checkpoint from ingestion_checkpoint where source_system = :source")
                .param("source", source.name()).query(String.class).optional();
    }

    @Override
    @Transactional
    public void save(SourceSystem source, String checkpoint, Instant at) {
        ensure(source, at);
        jdbc.sql("update ingestion_checkpoint set checkpoint = :checkpoint, updated_at = :at where source_system = :source")
                .param("checkpoint", checkpoint)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("source", source.name())
                .update();
    }

    @Override
    @Transactional
    public long nextReadGeneration(SourceSystem source, Instant at) {
        ensure(source, at);
        jdbc.sql("update ingestion_checkpoint set read_generation = read_generation + 1 where source_system = :source")
                .param("source", source.name()).update();
        return jdbc.sql("select read_generation from ingestion_checkpoint where source_system = :source")
                .param("source", source.name()).query(Long.class).single();
    }

    private void ensure(SourceSystem source, Instant at) {
        if (jdbc.sql("select count(*) from ingestion_checkpoint where source_system = :source")
                .param("source", source.name()).query(Integer.class).single() == 0) {
            jdbc.sql("insert into ingestion_checkpoint (source_system, checkpoint, updated_at) values (:source, '', :at)")
                    .param("source", source.name())
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }
}

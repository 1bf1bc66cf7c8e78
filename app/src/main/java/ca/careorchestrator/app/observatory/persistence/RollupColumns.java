package ca.careorchestrator.app.observatory.persistence;

import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Measure;
import java.util.stream.Collectors;

/** The rollup tables' measure columns as SQL lists: the supply tables' (clinic and area rows) and the demand table's. */
final class RollupColumns {

    static final String SUPPLY = list(Dataset.SUPPLY, "#");
    static final String SUPPLY_SUMS = list(Dataset.SUPPLY, "sum(#)");
    static final String DEMAND = list(Dataset.DEMAND, "#");
    static final String DEMAND_SUMS = list(Dataset.DEMAND, "sum(#)");

    private RollupColumns() {
    }

    /** Each of the dataset's columns written as {@code each} with {@code #} standing for the column, comma-separated. */
    static String list(Dataset dataset, String each) {
        return Measure.of(dataset).stream().map(m -> each.replace("#", m.column())).collect(Collectors.joining(", "));
    }
}

package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.directory.Page;
import java.util.List;
import java.util.function.Function;

/** A page of results as the API shows it. */
record PageJson<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> map) {
        return new PageJson<>(page.items().stream().map(map).toList(), page.page(), page.size(), page.totalItems(),
                page.totalPages());
    }
}

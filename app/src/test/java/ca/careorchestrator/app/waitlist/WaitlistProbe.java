package ca.careorchestrator.app.waitlist;

import org.springframework.context.ApplicationContext;

/** For tests of other packages: whether the waitlist's index is built and its matcher has nothing left to look at. */
public final class WaitlistProbe {

    private WaitlistProbe() {
    }

    public static boolean ready(ApplicationContext context) {
        return context.getBean(OpenRequests.class).ready();
    }

    public static boolean idle(ApplicationContext context) {
        return context.getBean(SlotOffers.class).idle();
    }
}

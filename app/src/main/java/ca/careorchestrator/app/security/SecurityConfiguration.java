package ca.careorchestrator.app.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The filter chains and the one table of who may call what (docs/adr/0007-security-and-roles.md). URL rules rather
 * than method annotations: one table a reviewer reads top to bottom, that also covers pages and endpoints of other
 * modules, and that the matrix test (SecurityMatrixIT) holds against every handler mapping. What a rule cannot see
 * (whose appointment, which desk region) the controllers check with {@link CurrentActor}.
 *
 * <ol>
 *   <li>the embedded issuer ({@code /oauth2/**}, {@link EmbeddedIssuer}), first;</li>
 *   <li>bearer requests (an {@code Authorization: Bearer} header on /api, /fhir or /actuator): partner platforms and
 *       operations clients, stateless, no CSRF (nothing ambient to forge), rate-limited per partner;</li>
 *   <li>everything else, with the session: pages, staff form sign-in, patients' sign-in (identity), JSON from the
 *       browser; CSRF tokens for every state-changing request that carries a session.</li>
 * </ol>
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String STAFF_SIGN_IN = "/personnel/connexion";
    static final String PATIENT_SIGN_IN = "/connexion";
    /** The staff's sign-out (Spring Security's logout); {@code /deconnexion} is the patients' (identity's page). */
    static final String STAFF_SIGN_OUT = "/personnel/deconnexion";
    private static final String CLINIC = "clinicId";

    @Bean
    ProblemAnswers problemAnswers(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver, LocaleResolver locales,
            ObjectProvider<ViewResolver> views) {
        return new ProblemAnswers(resolver, locales, views);
    }

    /** {@code {bcrypt}...} (and the other ids Spring Security knows) for client secrets and staff passwords. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The demo staff users of {@code care.security.users}; a deployment signs staff in with the province's identity provider. */
    @Bean
    UserDetailsService staffUsers(AccessProperties properties) {
        Map<String, StaffMember> users = properties.users().stream()
                .map(u -> new StaffMember(u.username(), u.password(), u.role(), u.clinic(), u.region()))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(StaffMember::username, u -> u));
        return username -> {
            StaffMember user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("no such staff user");
            }
            return user;
        };
    }

    /** Tokens of the province's issuer (a deployment): keys from its metadata, its name checked in {@code iss}. */
    @Bean
    @ConditionalOnProperty(name = "care.security.issuer.embedded", havingValue = "false")
    JwtDecoder externalIssuer(AccessProperties properties) {
        String issuer = properties.issuer().uri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("care.security.issuer.uri names the issuer when care.security.issuer.embedded=false");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    @Bean
    @Order(2)
    SecurityFilterChain bearerRequests(HttpSecurity http, ProblemAnswers answers, AccessProperties properties, MeterRegistry meters,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) throws Exception {
        http.securityMatcher(SecurityConfiguration::bearer)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .oauth2ResourceServer(r -> r.jwt(j -> j.jwtAuthenticationConverter(ROLES))
                        .authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .addFilterAfter(new PartnerRateLimit(properties, answers, meters), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(a -> rules(a, mappings));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain browserRequests(HttpSecurity http, ProblemAnswers answers, AccessProperties properties,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) throws Exception {
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && page(request));
        http.csrf(c -> c.spa().ignoringRequestMatchers(SecurityConfiguration::statelessCall))
                // The token's cookie (XSRF-TOKEN, read by the pages' scripts) is set with the first page, not only with a form.
                .addFilterAfter(loadCsrfToken(), CsrfFilter.class)
                .requestCache(c -> c.requestCache(pagesOnly))
                .formLogin(f -> f.loginPage(STAFF_SIGN_IN).loginProcessingUrl(STAFF_SIGN_IN).failureUrl(STAFF_SIGN_IN + "?erreur")
                        .defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl(STAFF_SIGN_OUT).logoutSuccessUrl(STAFF_SIGN_IN + "?sortie").permitAll())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(STAFF_SIGN_IN), SecurityConfiguration::staffPage)
                        .defaultAuthenticationEntryPointFor(SecurityConfiguration::patientSignIn, SecurityConfiguration::page)
                        .defaultAuthenticationEntryPointFor(answers, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(answers))
                .authorizeHttpRequests(a -> rules(a, mappings));
        return http.build();
    }

    /**
     * The table. Order matters: the first matching rule decides. Public first, then by role; last, a path no handler
     * maps is let through (MVC answers it 404), and a mapped one that no rule named is refused to everyone.
     */
    static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
            ObjectProvider<RequestMappingHandlerMapping> mappings) {
        String patient = Role.PATIENT.name();
        String partner = Role.PARTNER.name();
        String desk = Role.ACCESS_DESK.name();
        String analyst = Role.MINISTRY_ANALYST.name();
        String operator = Role.OPERATOR.name();
        // ---- a clinic's own figures against its region (observatory, issue #7): its staff and analysts; first, as the
        // public reads of /api/v1/clinics/** below would let anyone through
        a.requestMatchers(HttpMethod.GET, "/api/v1/clinics/{clinicId}/observatory").access(SecurityConfiguration::ownClinicOrAnalyst);
        // ---- public: the site, errors, sign-in, documentation, health
        a.requestMatchers("/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico").permitAll()
                .requestMatchers(HttpMethod.GET, "/", "/problems", "/problems/*").permitAll()
                .requestMatchers(STAFF_SIGN_IN, PATIENT_SIGN_IN, PATIENT_SIGN_IN + "/**", "/api/v1/sign-in", "/api/v1/sign-in/**").permitAll()
                .requestMatchers(HttpMethod.POST, STAFF_SIGN_OUT, "/deconnexion", "/api/v1/sign-out").permitAll()
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui", "/swagger-ui/**", "/swagger-ui.html")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                // ---- public: search and reference data (JSON, FHIR, pages)
                .requestMatchers(HttpMethod.GET, "/api/v1/slots", "/api/v1/slots/*", "/api/v1/regions", "/api/v1/regions/**",
                        "/api/v1/clinics", "/api/v1/clinics/**", "/api/v1/professionals", "/api/v1/professionals/**",
                        "/api/v1/postal-areas/**", "/api/v1/service-types", "/api/v1/status").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/health-insurance-numbers/check").permitAll() // format and check digit only
                // orientation (issue #6): reasons and a recommendation from answers, no patient data
                .requestMatchers(HttpMethod.GET, "/api/v1/orientation/reasons").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/orientation").permitAll()
                .requestMatchers("/orientation").permitAll()
                // why a slot admits someone (allocation): {} for a visitor, or the patient named (explain reveals registration: see ADR 0006)
                .requestMatchers(HttpMethod.POST, "/api/v1/slots/*/explain").permitAll()
                .requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/Slot", "/fhir/CodeSystem/**", "/fhir/OperationDefinition/**")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/fhir/Appointment/$find").permitAll()
                // open data (issue #7): the SMART Scheduling Links publication of the supply, no personal data
                .requestMatchers(HttpMethod.GET, "/smart/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/rendez-vous", "/rendez-vous/plage/*", "/rendez-vous/plage/*/pourquoi").permitAll();
        // ---- patients' own pages (holding, confirming, their appointments): a signed-in patient; a visitor is sent to
        // sign in (the entry point for pages), staff are refused
        a.requestMatchers("/rendez-vous/**", "/mes-rendez-vous", "/mes-rendez-vous/**").hasRole(patient);
        // ---- their alerts (waitlist) and the offers their notices link to
        a.requestMatchers("/alertes", "/alertes/**", "/offres/**").hasRole(patient);
        // ---- holds and appointments: a patient (their own), a partner or the desk (for the verified patient they name)
        a.requestMatchers("/api/v1/holds", "/api/v1/holds/**", "/api/v1/appointments/**", "/fhir/Appointment/**")
                .hasAnyRole(patient, partner, desk)
                // ---- waitlist: the desk sets priorities (their region, checked by the controller); patients their requests
                .requestMatchers(HttpMethod.PUT, "/api/v1/care-requests/*/priority").hasRole(desk)
                .requestMatchers("/api/v1/care-requests", "/api/v1/care-requests/**", "/api/v1/offers", "/api/v1/offers/**")
                .hasAnyRole(patient, desk)
                .requestMatchers("/api/v1/desk/**", "/guichet", "/guichet/**").hasRole(desk)
                // ---- clinic staff: their own clinic only (the observatory's address without a clinic sends staff to their own's)
                .requestMatchers(HttpMethod.GET, "/clinique/observatoire").hasRole(Role.CLINIC_STAFF.name())
                .requestMatchers("/api/v1/staff/clinics/{clinicId}/**", "/clinique/{clinicId}/**").access(SecurityConfiguration::ownClinic)
                // ---- ministry analysts: the observatory; the audit trail with operators (reads only)
                .requestMatchers(HttpMethod.GET, "/api/v1/observatory/**", "/observatoire", "/observatoire/**").hasRole(analyst)
                // ---- fairness flags (hoarding watch): the ministry, and operators who act on a flagged client
                .requestMatchers(HttpMethod.GET, "/api/v1/fairness/**", "/ministere/**").hasAnyRole(analyst, operator)
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**", "/audit", "/audit/**").hasAnyRole(analyst, operator)
                // ---- sources push their changes with their own client (scope notify); operators may too
                .requestMatchers(HttpMethod.POST, "/api/v1/sources/*/notifications").hasAnyAuthority("SCOPE_notify", Role.OPERATOR.authority())
                // ---- operators: sources, quarantine, replay, mapping tables, the actuator beyond health
                .requestMatchers("/api/v1/sources", "/api/v1/sources/**", "/api/v1/quarantine", "/api/v1/quarantine/**",
                        "/api/v1/mappings", "/api/v1/mappings/**", "/operations/**", "/actuator", "/actuator/**").hasRole(operator)
                .anyRequest().access((authentication, context) -> new AuthorizationDecision(!mapped(mappings, context.getRequest())));
    }

    /** Clinic staff whose clinic is the one in the path. */
    private static AuthorizationDecision ownClinic(java.util.function.Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        String clinic = context.getVariables().get(CLINIC);
        Authentication who = authentication.get();
        boolean own = who != null && who.getPrincipal() instanceof StaffMember staff && staff.role() == Role.CLINIC_STAFF
                && staff.clinic().toString().equalsIgnoreCase(clinic);
        return new AuthorizationDecision(own);
    }

    /** Clinic staff whose clinic is the one in the path, or a ministry analyst. */
    private static AuthorizationDecision ownClinicOrAnalyst(java.util.function.Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        boolean analyst = who != null && who.isAuthenticated()
                && who.getAuthorities().stream().anyMatch(g -> Role.MINISTRY_ANALYST.authority().equals(g.getAuthority()));
        return new AuthorizationDecision(analyst || ownClinic(authentication, context).isGranted());
    }

    /**
     * Whether a controller method maps this request. A path mapped for other methods only is not (MVC answers 405
     * without calling anything); a method mapped but refused for its media types or parameters is (it needs a rule).
     */
    private static boolean mapped(ObjectProvider<RequestMappingHandlerMapping> mappings, HttpServletRequest request) {
        try {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            return mappings.getObject().getHandler(request) != null;
        } catch (org.springframework.web.HttpRequestMethodNotSupportedException e) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** Token scopes as roles: {@code booking} a partner, {@code operations} an operator; {@code notify} stays a scope. */
    private static final JwtAuthenticationConverter ROLES = new JwtAuthenticationConverter();

    static {
        ROLES.setJwtGrantedAuthoritiesConverter(token -> {
            List<GrantedAuthority> authorities = new java.util.ArrayList<>();
            for (String scope : scopes(token)) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
                switch (scope) {
                    case "booking" -> authorities.add(new SimpleGrantedAuthority(Role.PARTNER.authority()));
                    case "operations" -> authorities.add(new SimpleGrantedAuthority(Role.OPERATOR.authority()));
                    default -> {
                    }
                }
            }
            return authorities;
        });
    }

    private static List<String> scopes(org.springframework.security.oauth2.jwt.Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return List.of(text.split(" "));
        }
        if (scope instanceof java.util.Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String path = path(request);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && (path.startsWith("/api/") || path.equals("/fhir") || path.startsWith("/fhir/") || path.equals("/actuator")
                || path.startsWith("/actuator/"));
    }

    /** A machine's call with no session: no ambient credential a forged cross-site request could ride on. */
    private static boolean statelessCall(HttpServletRequest request) {
        String path = path(request);
        return (path.startsWith("/api/") || path.startsWith("/fhir/")) && request.getRequestedSessionId() == null;
    }

    /** A browser asking for a page (as ProblemResponses decides). */
    static boolean page(HttpServletRequest request) {
        String path = path(request);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !path.startsWith("/api/") && !path.startsWith("/fhir") && !path.startsWith("/actuator") && accept != null
                && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /** A visitor on a patient's page: to the patient's sign-in, coming back to this page after. */
    private static void patientSignIn(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException refused) throws java.io.IOException {
        response.sendRedirect(request.getContextPath() + PATIENT_SIGN_IN + "?suite="
                + java.net.URLEncoder.encode(path(request), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean staffPage(HttpServletRequest request) {
        String path = path(request);
        return page(request) && List.of("/operations", "/clinique", "/guichet", "/observatoire", "/ministere", "/audit").stream()
                .anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static Filter loadCsrfToken() {
        return (request, response, chain) -> {
            if (request instanceof HttpServletRequest http && HttpMethod.GET.matches(http.getMethod()) && page(http)
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        };
    }
}

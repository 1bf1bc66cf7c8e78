package ca.careorchestrator.app.identity;

/** Where a one-time sign-in code is sent: the registry's e-mail or mobile phone of the person. */
public enum SignInChannel {
    EMAIL, SMS
}

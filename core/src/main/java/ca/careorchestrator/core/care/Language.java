package ca.careorchestrator.core.care;

/** Languages a professional consults in; French first (Charter of the French language). */
public enum Language {
    FR, EN
}

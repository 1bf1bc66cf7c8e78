package ca.careorchestrator.simulator.province;

import java.util.List;
import java.util.SplittableRandom;

/** Common Quebec names, for synthetic people only. */
final class Names {

    private static final List<String> FAMILY = List.of(
            "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
            "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
            "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc",
            "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martin", "Landry", "Martel", "Bédard",
            "Grenier", "Lessard", "Bernier", "Richard", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte",
            "Lachance", "Parent", "Blais", "Gosselin", "Savard", "Proulx", "Beaudoin", "Demers", "Perreault",
            "Boudreau", "Lemieux", "Cyr", "Perron", "Dufour", "Dion", "Mercier", "Bolduc", "Bérubé", "Boisvert",
            "Langlois", "Ménard", "Therrien", "Plante", "Bilodeau", "Blanchette", "Paradis", "Fontaine",
            "Champagne", "Vachon", "Rousseau", "Jacques", "Duchesne", "Smith", "Wilson", "Campbell", "Nguyen",
            "Haddad", "Khan", "Joseph", "Pierre", "Ng", "Cohen", "Rossi", "Santos");

    private static final List<String> GIVEN = List.of(
            "Marie", "Jean", "Sophie", "Mathieu", "Julie", "Philippe", "Isabelle", "Alexandre", "Catherine",
            "Marc-André", "Geneviève", "François", "Émilie", "Simon", "Nathalie", "Louis", "Chantal", "Maxime",
            "Valérie", "Olivier", "Caroline", "Étienne", "Mélanie", "Guillaume", "Annie", "Samuel", "Karine",
            "Gabriel", "Audrey", "Félix", "Léa", "William", "Camille", "Thomas", "Zoé", "Noah", "Chloé", "Nathan",
            "Rosalie", "Jacob", "Amira", "Yacine", "Mei", "David", "Sarah", "Michael", "Emily", "Kevin", "Fatima");

    private Names() {
    }

    static String family(SplittableRandom random) {
        return FAMILY.get(random.nextInt(FAMILY.size()));
    }

    static String given(SplittableRandom random) {
        return GIVEN.get(random.nextInt(GIVEN.size()));
    }
}

package no.carerelay.collaboration.needs;

/** ESAS-r items (Norwegian version: smerte, slapphet, døsighet, kvalme, matlyst, tungpust, depresjon, angst, velvære, annet). */
public enum EsasSymptom {
    PAIN, TIREDNESS, DROWSINESS, NAUSEA, LACK_OF_APPETITE, SHORTNESS_OF_BREATH, DEPRESSION, ANXIETY, WELLBEING, OTHER
}

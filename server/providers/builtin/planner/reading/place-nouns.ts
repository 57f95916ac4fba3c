/**
 * Common nouns for places in Spanish, French and German: a noun the idea's story happens in is not
 * its key object ("vigila el puerto"), and a name after one of them and "de" is a place ("el puerto
 * de Cádiz", "la ville de Nantes").
 */
export const PLACE_NOUNS: Readonly<Record<'es' | 'fr' | 'de', ReadonlySet<string>>> = {
  es: new Set([
    'puerto', 'ciudad', 'pueblo', 'aldea', 'calle', 'callejón', 'casa', 'bosque', 'playa', 'isla', 'montaña', 'río', 'lago', 'mar', 'desierto',
    'museo', 'banco', 'hotel', 'estación', 'barrio', 'mercado', 'castillo', 'iglesia', 'escuela', 'hospital', 'faro', 'granja', 'campo', 'jardín',
    'plaza', 'torre', 'nave', 'barco', 'tienda', 'cocina', 'restaurante', 'valle', 'costa', 'provincia', 'región', 'palacio', 'biblioteca',
  ]),
  fr: new Set([
    'port', 'ville', 'village', 'rue', 'ruelle', 'maison', 'forêt', 'plage', 'île', 'montagne', 'rivière', 'fleuve', 'lac', 'mer', 'désert',
    'musée', 'banque', 'hôtel', 'gare', 'quartier', 'marché', 'château', 'église', 'école', 'hôpital', 'phare', 'ferme', 'campagne', 'jardin',
    'place', 'tour', 'vaisseau', 'bateau', 'boutique', 'cuisine', 'restaurant', 'vallée', 'côte', 'région', 'palais', 'bibliothèque',
  ]),
  de: new Set([
    'hafen', 'stadt', 'dorf', 'straße', 'gasse', 'haus', 'wald', 'strand', 'insel', 'berg', 'fluss', 'see', 'meer', 'wüste', 'museum', 'bank',
    'hotel', 'bahnhof', 'viertel', 'markt', 'burg', 'schloss', 'kirche', 'schule', 'krankenhaus', 'leuchtturm', 'hof', 'garten', 'platz', 'turm',
    'schiff', 'laden', 'küche', 'restaurant', 'tal', 'küste', 'region', 'palast', 'bibliothek',
  ]),
};

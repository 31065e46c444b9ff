/**
 * A sketch of Maastricht for generated scenarios: real buurt codes (CBS GM0935) and street
 * names, with approximate RD New positions (metres). Good enough for clustering tests; not a map.
 */
export interface Street {
  name: string;
  x: number;
  y: number;
  buurt: string;
  postcode4: number;
}

export const STREETS: readonly Street[] = [
  { name: 'Vrijthof', x: 176248, y: 317718, buurt: 'BU09350000', postcode4: 6211 },
  { name: 'Markt', x: 176560, y: 318010, buurt: 'BU09350000', postcode4: 6211 },
  { name: 'Grote Staat', x: 176420, y: 317820, buurt: 'BU09350000', postcode4: 6211 },
  { name: 'Boschstraat', x: 176430, y: 318330, buurt: 'BU09350004', postcode4: 6211 },
  { name: 'Sint Pieterstraat', x: 176300, y: 317250, buurt: 'BU09350001', postcode4: 6211 },
  { name: 'Kommel', x: 176180, y: 317560, buurt: 'BU09350002', postcode4: 6211 },
  { name: 'Statensingel', x: 175930, y: 318200, buurt: 'BU09350003', postcode4: 6217 },
  { name: 'Wycker Brugstraat', x: 176900, y: 317800, buurt: 'BU09350006', postcode4: 6221 },
  { name: 'Stationsstraat', x: 177150, y: 317700, buurt: 'BU09350006', postcode4: 6221 },
  { name: 'Hoogbrugstraat', x: 176950, y: 317550, buurt: 'BU09350006', postcode4: 6221 },
  { name: 'Avenue Céramique', x: 177000, y: 317250, buurt: 'BU09350006', postcode4: 6221 },
  { name: 'Sint Maartenslaan', x: 177200, y: 318150, buurt: 'BU09350005', postcode4: 6221 },
  { name: 'Brusselsestraat', x: 175700, y: 317900, buurt: 'BU09350200', postcode4: 6211 },
  { name: 'Mariabergstraat', x: 175250, y: 318500, buurt: 'BU09350201', postcode4: 6214 },
  { name: 'Pottenberg', x: 174400, y: 317600, buurt: 'BU09350203', postcode4: 6216 },
  { name: 'Malpertuisplein', x: 174800, y: 318500, buurt: 'BU09350204', postcode4: 6216 },
  { name: 'Caberg', x: 174300, y: 319300, buurt: 'BU09350205', postcode4: 6216 },
  { name: 'Malbergsingel', x: 173700, y: 319000, buurt: 'BU09350207', postcode4: 6215 },
  { name: 'Dousberglaan', x: 173900, y: 318100, buurt: 'BU09350208', postcode4: 6216 },
  { name: 'Daalhoferweg', x: 174700, y: 319800, buurt: 'BU09350209', postcode4: 6217 },
  { name: 'Frontensingel', x: 175900, y: 319000, buurt: 'BU09350302', postcode4: 6211 },
  { name: 'Fort Willemweg', x: 175500, y: 319500, buurt: 'BU09350303', postcode4: 6219 },
  { name: 'Lanakerweg', x: 174900, y: 320300, buurt: 'BU09350304', postcode4: 6219 },
  { name: 'Boschpoort', x: 176300, y: 319100, buurt: 'BU09350300', postcode4: 6211 },
  { name: 'Meerssenerweg', x: 177700, y: 319000, buurt: 'BU09350400', postcode4: 6222 },
  { name: 'Wyckerpoort', x: 177600, y: 318400, buurt: 'BU09350400', postcode4: 6222 },
  { name: 'Heugemerweg', x: 177500, y: 316800, buurt: 'BU09350401', postcode4: 6221 },
  { name: 'Wittevrouwenveld', x: 178100, y: 318100, buurt: 'BU09350402', postcode4: 6224 },
  { name: 'Nazareth', x: 178300, y: 318900, buurt: 'BU09350403', postcode4: 6222 },
  { name: 'Limmelderweg', x: 177900, y: 320000, buurt: 'BU09350404', postcode4: 6225 },
  { name: 'Scharnerweg', x: 178600, y: 317800, buurt: 'BU09350405', postcode4: 6224 },
  { name: 'Ambyerstraat', x: 179700, y: 317900, buurt: 'BU09350406', postcode4: 6225 },
  { name: 'Randwycksingel', x: 177300, y: 316300, buurt: 'BU09350600', postcode4: 6229 },
  { name: 'Heugemerstraat', x: 178000, y: 315900, buurt: 'BU09350601', postcode4: 6229 },
  { name: 'Heerderweg', x: 179000, y: 316800, buurt: 'BU09350602', postcode4: 6227 },
  { name: 'De Heeg', x: 178600, y: 315400, buurt: 'BU09350603', postcode4: 6228 },
  { name: 'Villapark', x: 175600, y: 316900, buurt: 'BU09350100', postcode4: 6211 },
  { name: 'Biesland', x: 175000, y: 316500, buurt: 'BU09350102', postcode4: 6213 },
  { name: 'Campagne', x: 175500, y: 316000, buurt: 'BU09350103', postcode4: 6213 },
  { name: 'Wolder', x: 174600, y: 316400, buurt: 'BU09350104', postcode4: 6213 },
  { name: 'Sint Pieter', x: 176000, y: 316000, buurt: 'BU09350105', postcode4: 6212 },
  { name: 'Borgharen', x: 177800, y: 322200, buurt: 'BU09350501', postcode4: 6223 },
  { name: 'Beatrixhaven', x: 178400, y: 321000, buurt: 'BU09350500', postcode4: 6222 },
];

export const CITY = 'Maastricht';
/** The city hall (Mosae Forum): where badly geocoded reports get pinned. */
export const CITY_HALL = { x: 176640, y: 317900, street: 'Mosae Forum', buurt: 'BU09350000', postcode4: 6211 } as const;

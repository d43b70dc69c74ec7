"""What desk knows without being told: states, their adjectives and cities, and well-known bodies.

Offline reference data, read once: ~200 states (with the names, adjectives and cities wire copy
uses for them), a few historical states news still names ("the Soviet Union"), international
organizations and the wire services that write the reports. It lets desk recognise "Russia",
"Russian officials" and "in Pyongyang" without a model, and keeps cities out of the actors it
proposes.

Each state line reads ``name | other names | adjectives | cities``, lists separated by ``;``;
an indented line continues the one before.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

_STATES = """\
Afghanistan | Islamic Emirate of Afghanistan | Afghan | Kabul; Kandahar
Albania | Republic of Albania | Albanian | Tirana
Algeria | | Algerian | Algiers
Andorra | | Andorran | Andorra la Vella
Angola | | Angolan | Luanda
Antigua and Barbuda | | Antiguan | St. John's
Argentina | Argentine Republic | Argentine; Argentinian | Buenos Aires
Armenia | | Armenian | Yerevan
Australia | Commonwealth of Australia | Australian | Canberra; Sydney; Melbourne
Austria | | Austrian | Vienna
Azerbaijan | | Azerbaijani; Azeri | Baku
Bahamas | the Bahamas | Bahamian | Nassau
Bahrain | | Bahraini | Manama
Bangladesh | | Bangladeshi | Dhaka
Barbados | | Barbadian | Bridgetown
Belarus | Byelorussia | Belarusian | Minsk
Belgium | | Belgian | Brussels
Belize | | Belizean | Belmopan
Benin | | Beninese | Porto-Novo; Cotonou
Bhutan | | Bhutanese | Thimphu
Bolivia | | Bolivian | La Paz; Sucre
Bosnia and Herzegovina | Bosnia | Bosnian | Sarajevo
Botswana | | Botswanan | Gaborone
Brazil | Federative Republic of Brazil | Brazilian | Brasilia; Brasília; Rio de Janeiro; Sao Paulo
Brunei | Brunei Darussalam | Bruneian | Bandar Seri Begawan
Bulgaria | | Bulgarian | Sofia
Burkina Faso | | Burkinabe | Ouagadougou
Burundi | | Burundian | Gitega; Bujumbura
Cambodia | Kingdom of Cambodia | Cambodian | Phnom Penh
Cameroon | | Cameroonian | Yaounde; Yaoundé
Canada | | Canadian | Ottawa; Toronto; Montreal; Vancouver
Cape Verde | Cabo Verde | Cape Verdean | Praia
Central African Republic | CAR | Central African | Bangui
Chad | | Chadian | N'Djamena
Chile | | Chilean | Santiago
China | People's Republic of China; PRC; Mainland China | Chinese | Beijing; Shanghai;
    Hong Kong; Guangzhou; Shenzhen
Colombia | | Colombian | Bogota; Bogotá
Comoros | | Comoran | Moroni
Congo | Republic of the Congo; Congo-Brazzaville | | Brazzaville
Democratic Republic of the Congo | DR Congo; DRC; Congo-Kinshasa | | Kinshasa; Goma
Costa Rica | | Costa Rican | San Jose
Croatia | | Croatian | Zagreb
Cuba | | Cuban | Havana
Cyprus | | Cypriot | Nicosia
Czech Republic | Czechia | Czech | Prague
Denmark | | Danish | Copenhagen
Djibouti | | Djiboutian | Djibouti City
Dominica | | | Roseau
Dominican Republic | | | Santo Domingo
East Timor | Timor-Leste | Timorese | Dili
Ecuador | | Ecuadorian | Quito
Egypt | Arab Republic of Egypt | Egyptian | Cairo; Sharm el-Sheikh; Alexandria
El Salvador | | Salvadoran | San Salvador
Equatorial Guinea | | Equatoguinean | Malabo
Eritrea | | Eritrean | Asmara
Estonia | | Estonian | Tallinn
Eswatini | Swaziland | Swazi | Mbabane
Ethiopia | | Ethiopian | Addis Ababa
Fiji | | Fijian | Suva
Finland | | Finnish | Helsinki
France | French Republic | French | Paris; Marseille
Gabon | | Gabonese | Libreville
Gambia | the Gambia | Gambian | Banjul
Georgia | | Georgian | Tbilisi
Germany | Federal Republic of Germany | German | Berlin; Munich; Frankfurt; Bonn
Ghana | | Ghanaian | Accra
Greece | Hellenic Republic | Greek | Athens
Grenada | | Grenadian | St. George's
Guatemala | | Guatemalan | Guatemala City
Guinea | | Guinean | Conakry
Guinea-Bissau | | Bissau-Guinean | Bissau
Guyana | | Guyanese | Georgetown
Haiti | | Haitian | Port-au-Prince
Honduras | | Honduran | Tegucigalpa
Hungary | | Hungarian | Budapest
Iceland | | Icelandic | Reykjavik
India | Republic of India | Indian | New Delhi; Delhi; Mumbai; Kolkata; Chennai; Bengaluru
Indonesia | Republic of Indonesia | Indonesian | Jakarta; Bali; Surabaya
Iran | Islamic Republic of Iran | Iranian | Tehran; Isfahan
Iraq | | Iraqi | Baghdad; Basra; Erbil
Ireland | Republic of Ireland | Irish | Dublin
Israel | State of Israel | Israeli | Jerusalem; Tel Aviv
Italy | | Italian | Rome; Milan
Ivory Coast | Cote d'Ivoire; Côte d'Ivoire | Ivorian | Abidjan; Yamoussoukro
Jamaica | | Jamaican | Kingston
Japan | | Japanese | Tokyo; Osaka; Hiroshima; Kyoto; Yokohama
Jordan | Hashemite Kingdom of Jordan | Jordanian | Amman
Kazakhstan | | Kazakh; Kazakhstani | Astana; Almaty
Kenya | | Kenyan | Nairobi; Mombasa
Kiribati | | | Tarawa
Kosovo | | Kosovar | Pristina
Kuwait | | Kuwaiti | Kuwait City
Kyrgyzstan | | Kyrgyz | Bishkek
Laos | Lao PDR | Laotian; Lao | Vientiane
Latvia | | Latvian | Riga
Lebanon | | Lebanese | Beirut
Lesotho | | Basotho | Maseru
Liberia | | Liberian | Monrovia
Libya | | Libyan | Tripoli; Benghazi
Liechtenstein | | | Vaduz
Lithuania | | Lithuanian | Vilnius
Luxembourg | | Luxembourgish | Luxembourg City
Madagascar | | Malagasy | Antananarivo
Malawi | | Malawian | Lilongwe
Malaysia | | Malaysian | Kuala Lumpur; Putrajaya
Maldives | the Maldives | Maldivian | Male
Mali | | Malian | Bamako
Malta | | Maltese | Valletta
Marshall Islands | | Marshallese | Majuro
Mauritania | | Mauritanian | Nouakchott
Mauritius | | Mauritian | Port Louis
Mexico | United Mexican States | Mexican | Mexico City
Micronesia | Federated States of Micronesia | Micronesian | Palikir
Moldova | | Moldovan | Chisinau; Chișinău
Monaco | | Monegasque | Monaco-Ville
Mongolia | | Mongolian | Ulaanbaatar; Ulan Bator
Montenegro | | Montenegrin | Podgorica
Morocco | | Moroccan | Rabat; Casablanca
Mozambique | | Mozambican | Maputo
Myanmar | Burma | Myanmarese; Burmese | Naypyidaw; Naypyitaw; Yangon
Namibia | | Namibian | Windhoek
Nauru | | Nauruan | Yaren
Nepal | | Nepali; Nepalese | Kathmandu
Netherlands | the Netherlands; Holland | Dutch | Amsterdam; The Hague; Rotterdam
New Zealand | | | Wellington; Auckland
Nicaragua | | Nicaraguan | Managua
Niger | | Nigerien | Niamey
Nigeria | | Nigerian | Abuja; Lagos
North Korea | Democratic People's Republic of Korea; DPRK | North Korean | Pyongyang; Wonsan;
    Kaesong
North Macedonia | Macedonia | Macedonian | Skopje
Norway | | Norwegian | Oslo
Oman | | Omani | Muscat
Pakistan | | Pakistani | Islamabad; Karachi; Lahore; Rawalpindi
Palau | | Palauan | Ngerulmud
Palestine | State of Palestine; Palestinian territories | Palestinian | Ramallah; Gaza City
Panama | | Panamanian | Panama City
Papua New Guinea | | Papua New Guinean | Port Moresby
Paraguay | | Paraguayan | Asuncion; Asunción
Peru | | Peruvian | Lima
Philippines | the Philippines; Republic of the Philippines | Philippine; Filipino | Manila;
    Quezon City; Davao
Poland | | Polish | Warsaw; Krakow
Portugal | | Portuguese | Lisbon
Qatar | | Qatari | Doha
Romania | | Romanian | Bucharest
Russia | Russian Federation | Russian | Moscow; St. Petersburg; Saint Petersburg; Vladivostok;
    Kazan; Sochi; Kursk; Novosibirsk
Rwanda | | Rwandan | Kigali
Saint Kitts and Nevis | | | Basseterre
Saint Lucia | | Saint Lucian | Castries
Saint Vincent and the Grenadines | | | Kingstown
Samoa | | Samoan | Apia
San Marino | | Sammarinese | San Marino
Sao Tome and Principe | | | Sao Tome
Saudi Arabia | Kingdom of Saudi Arabia | Saudi | Riyadh; Jeddah; Mecca
Senegal | | Senegalese | Dakar
Serbia | | Serbian | Belgrade
Seychelles | | Seychellois | Victoria
Sierra Leone | | Sierra Leonean | Freetown
Singapore | | Singaporean | Singapore
Slovakia | | Slovak | Bratislava
Slovenia | | Slovenian; Slovene | Ljubljana
Solomon Islands | | Solomon Islander | Honiara
Somalia | | Somali | Mogadishu
South Africa | | South African | Pretoria; Johannesburg; Cape Town
South Korea | Republic of Korea; ROK; Korea | South Korean | Seoul; Busan; Incheon
South Sudan | | South Sudanese | Juba
Spain | | Spanish | Madrid; Barcelona
Sri Lanka | | Sri Lankan | Colombo
Sudan | | Sudanese | Khartoum; Port Sudan
Suriname | | Surinamese | Paramaribo
Sweden | | Swedish | Stockholm
Switzerland | Swiss Confederation | Swiss | Bern; Geneva; Zurich; Davos
Syria | Syrian Arab Republic | Syrian | Damascus; Aleppo
Taiwan | Republic of China; ROC | Taiwanese | Taipei
Tajikistan | | Tajik | Dushanbe
Tanzania | | Tanzanian | Dodoma; Dar es Salaam
Thailand | | Thai | Bangkok
Togo | | Togolese | Lome; Lomé
Tonga | | Tongan | Nuku'alofa
Trinidad and Tobago | | Trinidadian | Port of Spain
Tunisia | | Tunisian | Tunis
Turkey | Turkiye; Türkiye | Turkish | Ankara; Istanbul
Turkmenistan | | Turkmen | Ashgabat
Tuvalu | | Tuvaluan | Funafuti
Uganda | | Ugandan | Kampala
Ukraine | | Ukrainian | Kyiv; Kiev; Kharkiv; Odesa; Lviv; Dnipro
United Arab Emirates | UAE; Emirates | Emirati | Abu Dhabi; Dubai
United Kingdom | UK; U.K.; Britain; Great Britain | British | London; Edinburgh
United States | U.S.; US; USA; U.S.A.; United States of America; America | American; U.S. |
    Washington; New York; Los Angeles; Honolulu
Uruguay | | Uruguayan | Montevideo
Uzbekistan | | Uzbek | Tashkent
Vanuatu | | Ni-Vanuatu | Port Vila
Vatican | Holy See; Vatican City | | Vatican City
Venezuela | | Venezuelan | Caracas
Vietnam | Viet Nam | Vietnamese | Hanoi; Ho Chi Minh City
Yemen | | Yemeni | Sanaa; Aden
Zambia | | Zambian | Lusaka
Zimbabwe | | Zimbabwean | Harare
Soviet Union | USSR; U.S.S.R.; Union of Soviet Socialist Republics | Soviet |
Nazi Germany | Third Reich | Nazi |
East Germany | German Democratic Republic; GDR | East German |
Yugoslavia | | Yugoslav |
Czechoslovakia | | Czechoslovak |
"""

#: International organizations: name | other names.
_ORGANIZATIONS = """\
United Nations | UN; U.N.
United Nations Security Council | UN Security Council; U.N. Security Council; UNSC
United Nations General Assembly | UN General Assembly; U.N. General Assembly; UNGA
North Atlantic Treaty Organization | NATO
European Union | EU; E.U.
European Commission |
African Union | AU
Association of Southeast Asian Nations | ASEAN
Shanghai Cooperation Organisation | Shanghai Cooperation Organization; SCO
BRICS |
Group of Seven | G7; G-7
Group of 20 | G20; G-20
Asia-Pacific Economic Cooperation | APEC
International Atomic Energy Agency | IAEA
Organization of the Petroleum Exporting Countries | OPEC
World Trade Organization | WTO
International Monetary Fund | IMF
World Bank |
World Health Organization | WHO
International Committee of the Red Cross | ICRC; Red Cross
International Criminal Court | ICC
Organization for Security and Co-operation in Europe | OSCE
Gulf Cooperation Council | GCC
Collective Security Treaty Organization | CSTO
Quad | Quadrilateral Security Dialogue
"""

#: Seats of government that stand for it in wire copy: name | other names | what | state.
_SEATS = """\
Kremlin | the Kremlin | Russian presidency | Russia
White House | the White House | United States presidency | United States
Pentagon | the Pentagon; Department of Defense | United States defense department | United States
State Department | U.S. State Department | United States foreign ministry | United States
Elysee Palace | Élysée Palace; Elysee; Élysée | French presidency | France
Downing Street | 10 Downing Street | British prime minister's office | United Kingdom
Blue House | Cheong Wa Dae | former South Korean presidential office | South Korea
"""

#: Wire services and broadcasters that write reports: name | other names | what they are.
_AGENCIES = """\
Yonhap News Agency | Yonhap | South Korean news agency | South Korea
Korean Central News Agency | KCNA | North Korean state news agency | North Korea
TASS | Tass; ITAR-TASS | Russian state news agency | Russia
RIA Novosti | RIA | Russian state news agency | Russia
Interfax | | Russian news agency | Russia
Sputnik | | Russian state news agency | Russia
Agence France-Presse | AFP | French news agency | France
Associated Press | AP | American news agency | United States
Reuters | | British news agency | United Kingdom
Bloomberg | Bloomberg News | American news agency | United States
Xinhua News Agency | Xinhua | Chinese state news agency | China
Kyodo News | Kyodo | Japanese news agency | Japan
Jiji Press | Jiji | Japanese news agency | Japan
NHK | | Japanese public broadcaster | Japan
Press Trust of India | PTI | Indian news agency | India
Asian News International | ANI | Indian news agency | India
Antara | Antara News Agency | Indonesian state news agency | Indonesia
Bernama | | Malaysian state news agency | Malaysia
Philippine News Agency | PNA | Philippine state news agency | Philippines
Anadolu Agency | Anadolu | Turkish state news agency | Turkey
Islamic Republic News Agency | IRNA | Iranian state news agency | Iran
Deutsche Presse-Agentur | dpa; DPA | German news agency | Germany
Agenzia Nazionale Stampa Associata | ANSA | Italian news agency | Italy
Agencia EFE | EFE | Spanish news agency | Spain
Ukrinform | | Ukrainian state news agency | Ukraine
Al Jazeera | | Qatari broadcaster | Qatar
BBC | British Broadcasting Corporation | British public broadcaster | United Kingdom
CNN | | American broadcaster | United States
Rodong Sinmun | | North Korean state newspaper | North Korea
"""


@dataclass(frozen=True)
class Entry:
    """A state, organization or agency desk knows by name."""

    name: str
    kind: str  # "state" or "organization"
    aliases: tuple[str, ...] = ()
    title: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    #: Adjective -> state ("Russian" -> "Russia", "North Korean" -> "North Korea").
    adjectives: dict[str, str]
    #: City -> state ("Pyongyang" -> "North Korea").
    cities: dict[str, str]
    #: State names -> the state entry, under every name.
    states: dict[str, Entry]


def _lines(table: str) -> list[str]:
    """The lines of a table, indented continuation lines joined to the line they continue."""
    lines: list[str] = []
    for line in table.splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()
        elif line.strip():
            lines.append(line)
    return lines


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(";") if part.strip())


@cache
def gazetteer() -> Gazetteer:
    """The reference data, parsed once per process."""
    entries: list[Entry] = []
    adjectives: dict[str, str] = {}
    cities: dict[str, str] = {}
    states: dict[str, Entry] = {}
    for line in _lines(_STATES):
        name, others, adjective_list, city_list = (part.strip() for part in line.split("|"))
        entry = Entry(name, "state", _split(others), country=name)
        entries.append(entry)
        for known in (name, *entry.aliases):
            states[known] = entry
        for adjective in _split(adjective_list):
            adjectives.setdefault(adjective, name)
        for city in _split(city_list):
            cities.setdefault(city, name)
    for line in _lines(_ORGANIZATIONS):
        name, others = (part.strip() for part in line.split("|"))
        entries.append(Entry(name, "organization", _split(others), "international organization"))
    for line in _lines(_SEATS):
        name, others, title, country = (part.strip() for part in line.split("|"))
        entries.append(Entry(name, "organization", _split(others), title, country))
    for line in _lines(_AGENCIES):
        name, others, title, country = (part.strip() for part in line.split("|"))
        entries.append(Entry(name, "organization", _split(others), title, country))
    return Gazetteer(tuple(entries), adjectives, cities, states)

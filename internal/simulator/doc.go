// Package simulator is an in-memory, stateful, concurrency-safe HTTP server
// that implements the DealPOS v3 customer and catalog API as its references
// describe it. It exists to judge a client (the Terraform provider) against
// the reference rather than against the client's own assumptions, so it is
// deliberately strict: wrong types, wrong date forms and missing required
// fields are refused the way the reference says they must be.
//
// Mount a Server (it is an http.Handler) and point a client at
// "<server>/api/v3". Static bearer tokens come from Options.Tokens; OAuth2
// client credentials issue expiring tokens at POST /api/v3/Token/OAuth2.
// Options.Now injects the clock used for join dates, token expiry and the
// quota window, so tests can move time without sleeping.
//
// # Faults
//
// Faults (SetFaults, or PUT /_sim/faults) make the server misbehave the way a
// real deployment does, so client retry and recovery code can be exercised.
// They are applied in this order, before authentication:
//
//   - Latency: added to every request; a cancelled request context ends the
//     wait and nothing is answered.
//   - QuotaLimit/QuotaWindow: a fixed window of QuotaLimit requests per
//     QuotaWindow (default 180s) across all endpoints, the token endpoint
//     included. The window starts at the first request after the previous
//     window ended. Exhaustion answers 429 with the live API's message
//     ("... Try again in N seconds.") and no Retry-After. Every API answer
//     carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Policy
//     (IETF draft 06); without a quota they advertise 1000000 per 180s and a
//     remaining of at least 1, so header-paced clients are not slowed.
//   - P429 (with P429RetryAfter adding "Retry-After: 1"): random 429s. No 429
//     consumes quota.
//   - P5xx: random 502 (HTML body), 503 (JSON body) or 504 (HTML body).
//   - PLostCreate/LostCreateMode: POST /Customer, POST /Category and POST
//     /Product store the record and then lose the answer, either as a 502
//     ("502") or by closing the connection without answering ("drop"), so
//     the client must find the record it made. "late" (POST /Customer only;
//     catalog creates answer as "502"): a 502, and the customer is stored
//     only when the next POST /Customer arrives, before that one is handled,
//     so lookups in between miss it and a re-sent create meets it as a
//     duplicate.
//
// Answers the live API, or what stands in front of it, may give although
// the reference does not show them, so a client can be held to handling
// each safely:
//
//   - RedirectStatus/RedirectLocation: every API request answers that 3xx
//     with Location set to RedirectLocation plus the path below /api/v3
//     (and the query): another host, or the same host over plain http.
//     Applied after Latency, before the quota and auth.
//   - HTMLNotFound: every API request answers a web server's HTML 404 page,
//     as a base URL without /api/v3 would. RouteNotFound: every API request
//     answers ASP.NET's JSON 404 "No HTTP resource was found that matches
//     the request URI." (what a path no route matches answers anyway).
//     JSONNotFound: every API request answers a gateway's JSON 404
//     {"statusCode": 404, "message": "Resource not found"}, which reads like
//     a missing record: a proxy that speaks JSON in front of a wrong base
//     URL. All three come where the redirect does.
//   - RetryAfter: every API request is refused with a 429 carrying
//     Retry-After and "Try again in N seconds." of that length.
//   - NoRateLimitPolicy: answers carry RateLimit-Limit and -Remaining but no
//     RateLimit-Policy. WindowHeadStart: the first quota window started that
//     long before the first request (another client started it), so it ends
//     early and RateLimit-Remaining jumps back up.
//   - Create500: POST /Customer answers 500 {"Message": "An error has
//     occurred."} and stores nothing (after the quota and auth).
//     Create400: POST /Customer answers 400 with that Message (a refusal
//     whose wording the reference does not show, such as "Outlet X does
//     not exist.") and stores nothing.
//   - EmptyRead: a successful GET /Customer/id/{id} answers 200 "null"
//     ("null"), "{}" ("{}") or the record under another ID ("other").
//   - OverstatedTotal: the list endpoints serve the last page again for a
//     page past the end, and WithTotalCount adds this to TotalCount (the
//     product list to RecordsCount).
//     BadListRecord: the list record of the customer with this code carries
//     the BirthDate "31/02/1994", which no client can decode.
//   - ImageURLRewrite "cdn": POST /Product stores ImageURL and each
//     ExtraImagesURL, and PUT /Product those it changes, as the CDN's copy,
//     "https://res.cloudinary.com/dealpos/image/upload/" plus the URL's last
//     path segment (CDNImagePrefix), the way the live API may answer another
//     URL than the one written. The write answers as usual; reads answer the
//     rewritten URLs.
//
// Switches for the catalog readings the reference leaves open (each
// Decision below names its switch; the zero value is the default reading):
//
//   - OutletPriceRead: GET /OutletPrice items name the amount Price
//     ("price", Update Variant's name) or carry none ("bare"), or the list
//     comes as OutletPrice instead of Outlets ("renamed").
//   - CategoryRead: GET /Category/ID answers Name as the last level only
//     ("level") or answers no ID ("noid").
//   - RecordsCountPerPage: POST /Product/p's RecordsCount counts the
//     products of the page, not all of them.
//   - ProductVariants: PUT /Product merges the Variants it is sent
//     ("merge") or replaces the product's variants with them ("replace").
//   - LastVariantDelete: DELETE /Variant refuses a product's last variant
//     ("refuse") or deletes it, leaving the product without variants
//     ("allow").
//   - NameOnlyLists "route": the lists the reference names only (the product
//     list, GET /Product and POST /Product/p, and the outlet prices by
//     product, WithOutletPriceByListID) answer ASP.NET's unknown-route 404,
//     as a deployment without them would.
//   - ListShape: "summary" answers the product list's items in the price
//     book list's shape (no Brand, UnitCost, flags or extra images);
//     "noprices" answers WithOutletPriceByListID's variants without their
//     outlet prices; "sparse" leaves every second record out of the
//     category list, the product list and WithOutletPriceByListID.
//
// SetVariantType seeds a variant's type, Serialized included, which no
// write takes.
//
// Randomness comes from Options.Seed, so a given request sequence meets the
// same faults on every run.
//
// # Control endpoints
//
// Outside /api/v3, without authentication, quota or stats, for local tooling:
//
//	GET  /_sim/stats        Stats as JSON (Status keys are decimal strings)
//	POST /_sim/stats/reset  zero the stats
//	GET  /_sim/faults       the fault configuration
//	PUT  /_sim/faults       replace the fault configuration
//	GET  /_sim/customers    every stored record, in list order
//	GET  /_sim/categories   every category (Categories), by path
//	GET  /_sim/products     every product with its variants and outlet prices (Products), by name
//	GET  /_sim/outlets      the outlets (Outlets), in list order
//
// The faults JSON uses the Faults field names. Durations (Latency,
// QuotaWindow, WindowHeadStart, RetryAfter) are written as Go duration
// strings ("180s") and read as either a duration string or an integer count
// of nanoseconds. Unknown fields and invalid values (a probability outside
// [0, 1], a negative duration, an unknown mode of LostCreateMode, EmptyRead
// or ImageURLRewrite) are refused (400), so a typo does not silently disable
// a fault.
//
// # Decisions where the reference is silent
//
// Route matching and JSON property names are case-insensitive, as in the
// ASP.NET stack behind the live API. A request body must be sent as
// application/json (415 otherwise). Code and Mobile are matched exactly,
// Email case-insensitively. Name, Code, Email and Mobile cannot be cleared by
// an update (400), because create requires them. The older PUT /Customer
// (update by Email) keeps the reference's required fields. Lookups by phone
// (/Customer/MobilePhone, Suspend's Phone) match Mobile or Phone, first in
// list order.
//
// Roles: a static token holds every role module unless Options.TokenModules
// limits it (a catalog integration: {"Products"}); a request to another
// module's route (Contacts: /Customer...; Outlets: /Outlet; Products: the
// rest of the catalog) answers the API's JSON 403 naming the role and the
// module, worded as the reference's role lines.
//
// Other readings of answers the reference leaves open, as faults: NewCode
// ("404", the API's JSON 404 when the code generator is off; "403"; "route",
// a deployment without the endpoint) and NotFoundBody ("text", "empty": the
// API's 404 about a record as plain text or without a body; by default it
// is JSON {"Message"}).
//
//   - Decision: an update (PUT /Customer/ByID and the other update forms)
//     changes only the properties its body carries and keeps the others,
//     because the reference marks no property of PUT /Customer/ByID
//     required. Options.UpdateClearsOmitted is the other reading: the update
//     replaces the record, so every property of the form the body omits is
//     cleared (text "", dates and gender unset, LoyaltyPoint 0, the referrer
//     of a form that takes one), and a body without Name, Code, Email,
//     Mobile or Status is refused (400); what the form cannot write (join
//     date, sign-up outlet, the read-only extras) stays.
//   - Decision: a write that takes another customer's Code, Email or Mobile
//     is refused with 400 "Customer with Code 'HW001' already exists."
//     (Email, Mobile alike), because the reference shows no wording.
//     Options.DuplicateWording "registered" phrases it "Code HW001 has been
//     registered." instead.
//
// Merge and verification (the reference shows the requests and the success
// answers only):
//
//   - Decision: PUT /Customer/Merge keeps the target's own fields: code,
//     name, contact details, group and its expiry, PIN, status, referrer
//     and verified flags; only the loyalty points of the deleted customers
//     are added to the target's, because a merge joins one person's
//     accounts and the points are what the person earned. The deleted
//     customers are removed (one named twice counts once).
//   - Decision: a merge is checked whole before anything changes: an
//     unknown target or deleted ID answers 404 "Customer not found.", the
//     target among the deleted 400, an empty deleted list 400.
//   - Decision: a suspended customer can be merged, as target or as
//     deleted, because the reference states no condition; the switch
//     Options.MergeRefusesSuspended answers 400 "Customer <code> is
//     suspended and cannot be merged." instead, and
//     Options.MergeLeavesDeleted answers "Merge Completed" and changes
//     nothing (a merge the server queues), so a client is held to checking
//     the outcome.
//   - Decision: VerifyEmail matches Email without regard to case and
//     VerifyMobile matches Mobile exactly (not Phone); an unknown one
//     answers 404 "Customer not found.". The flags (EmailVerified,
//     MobileVerified) are not in any read answer, as in the reference; GET
//     /_sim/customers shows them. A later change of the email or mobile
//     keeps the flag, because the reference shows no link between them.
//
// # Catalog
//
// Categories, products, variants, outlets and outlet prices (catalog.go),
// after the reference's sections 1.2 to 1.4, 1.11 and 1.12:
//
//	POST /Category, PUT /Category, DELETE /Category     by Name (full path)
//	GET /Category (body), POST /Category/p              list: Name (one category and its subtree), Discontinued
//	GET or POST /Category/ID                            read by ID (body or query)
//	POST /Product, PUT /Product (by Code)               with inline Variants; answer {ID, Variants[{Code, ID}], ListVariantID}
//	DELETE /Product                                     by Code (or ID)
//	GET /Product (body), POST /Product/p                list: PageNumber, PageSize; {DataArray, RecordsCount}
//	GET or POST /Product/ID, GET /Product/Detail        read by ID; by Code or ID
//	GET or POST /Product/WithPricebookByListID          {ListID}: products in the shape shown, each variant's Pricebook
//	GET or POST /Product/WithOutletPriceByListID        {ListID}: the same shape, each variant's OutletPrice
//	POST /Variant/Add, PUT /Variant, DELETE /Variant    add to a product by its Code; update and delete by variant Code
//	GET /Variant/Detail, GET /Variant/GetIDByListCode   read by Code or ID; codes to {ID, ProductID, Code}
//	GET /Variant (body) or POST /Variant                list: Category, PageNumber, PageSize
//	GET /Outlet (query), POST /Outlet/p                 list: Name, SuspendedStatus
//	POST /Outlet, PUT /Outlet                           create (message only, no ID); update by Outlet (name)
//	GET /OutletPrice?Code=, POST /OutletPrice/p         a variant's {Code, Outlets[{Outlet, UnitPrice, ExtraCost}]}
//	POST, PUT, DELETE /OutletPrice                      create, merge, remove
//
// Outlets are seeded (Options.Outlets, by default DefaultOutlets; SetOutlets
// replaces them). Categories, Products
// and Outlets return copies of the store. Faults apply to these endpoints as
// to all others, and PLostCreate also takes the answer of POST /Category and
// POST /Product after the record is stored. Unknown keys answer 404
// ("Category not found.", "Product not found.", "Variant not found.",
// "Outlet not found."); refusals answer 400 {"Message"}. Names (category
// paths, outlet names) match without regard to case; product and variant
// codes match exactly.
//
// Decisions where the reference is truncated, names an operation only or is
// uncertain:
//
//   - Decision: category paths are trimmed per level and refused with an
//     empty level, because "A//B" cannot name a hierarchy.
//   - Decision: POST /Category on an existing path (an implicitly created
//     parent included) is a 400 "already exists", because Name is the key.
//     Code is set only at create (PUT has no Code) and is not unique.
//   - Decision: GET /Category/ID answers ParentID (null at the top level),
//     TypeID 0, Lvl (depth, 0 at the top), Description "", then ID, Name
//     (full path), Code, Discontinued, because the page is cut after
//     "Descript...". List items stay {ID, Name, Discontinued}. CategoryRead
//     "level" answers Name as the last level only, the reading the cut
//     suggests; "noid" leaves ID out.
//   - Decision: a category Rename moves its subtree (children's paths
//     follow), creates missing parents of the new path, refuses a path
//     already taken or below itself; Discontinued applies to that level
//     only, because children are records of their own.
//   - Decision: DELETE /Category refuses (400) while the category has
//     sub-categories or products, because a cascade is not shown and would
//     delete products.
//   - Decision: product create requires Category, Name, Brand, Code,
//     Discontinued, ImageURL and at least one variant, each with Model and
//     Code, because the reference marks them required. Variant codes are
//     unique across products; a product code may equal a variant code.
//   - Decision: PUT /Product merges Variants by Code: listed variants are
//     updated (or added), unlisted ones kept, because Variants is optional
//     and variants have their own delete. Type is ignored there for
//     existing variants (not in that schema; PUT /Variant sets it).
//     ProductVariants "replace" deletes the unlisted ones instead (an empty
//     list is refused); without Variants both keep them.
//   - Decision: product writes and POST /Variant/Add answer every variant of
//     the product, not only those sent, because one shape serves all three.
//   - Decision: Type is taken as a string or as {"value": "..."} (the create
//     example's form); only the eight write types are accepted (Serialized
//     is read-only: a write naming it is a 400), default Standard. A
//     Serialized variant (seeded by SetVariantType) takes writes of its
//     other properties and keeps its type.
//   - Decision: DELETE /Product (name only in the reference) takes Code or
//     ID in the body, removes the variants and their outlet prices, and
//     answers {"Message"}, because writes key products by Code.
//   - Decision: GET /Product and POST /Product/p (name only) require
//     PageNumber and PageSize like the customer list and answer the
//     {DataArray, RecordsCount} envelope seen by an earlier note, with
//     RecordsCount the number of all products; RecordsCountPerPage makes it
//     the page's.
//   - Decision: GET /Product/WithPricebookByListID answers the shape the
//     reference shows ({ID, Name, Code, CategoryID, Category, Description,
//     ThumbnailUrl, ImageUrl, Created, Variants[{ID, Model, Code, UnitPrice,
//     Pricebook}]}); there are no price books here, so every Pricebook is
//     [], and Created is "" (the store keeps no creation time).
//   - Decision: Get Product List With Outlet Price By List ID (name only)
//     is POST or GET /Product/WithOutletPriceByListID, after its sibling's
//     path, and answers the same shape with each variant's OutletPrice
//     [{Outlet, UnitPrice, ExtraCost}] (GET /OutletPrice's item form) in
//     place of Pricebook. Both lists by ID take any number of IDs, leave
//     unknown and repeated ones out and refuse an empty ListID (400). The
//     other readings are NameOnlyLists, ListShape and OutletPriceRead
//     (Price for the amount, or none; "renamed": the list as Outlets).
//   - Decision: Get Product List By ID, Get Product List Detail By ID and
//     Get Product List With Inventory By List ID (name only) are not
//     served: their paths and answers are not shown, and a client that
//     refreshes one record per call has no list of IDs to ask with before
//     it has listed the products.
//   - Decision: ThumbnailURL answers the ImageURL (nothing is fetched);
//     Storage and Tags answer empty lists; Discount answers 0.
//   - Decision: PUT /Variant changes only the properties sent; Name and
//     the legacy Variant are aliases of Model (the reference gives them the
//     same example); ProductCode must be the variant's own product
//     (moving is not shown); Components must name other existing variants;
//     OutletPrice [{Outlet, Price, ExtraCost}] merges like PUT /OutletPrice;
//     the unnamed prepaid-points property is ignored like any unknown one.
//   - Decision: DELETE /Variant refuses a product's last variant, because a
//     product without variants cannot be sold; it also removes the
//     variant's outlet prices. LastVariantDelete "allow" deletes it too.
//   - Decision: GET /Variant/Detail answers Variant and Name as the Model,
//     Product as the product name, and OutletPrice items as {Outlet, Price,
//     ExtraCost} (PUT /Variant's form), because the page is cut there.
//   - Decision: GET /Variant (response not shown) answers detail-form items.
//   - Decision: GET /Outlet's SuspendedStatus defaults to All, Name is a
//     substring match, Access is ignored.
//   - Decision: outlet prices are rows per (variant, outlet). POST refuses
//     an outlet that already has a price for the variant; PUT merges
//     (listed outlets set, others kept) and creates rows as needed; both
//     need Code, a non-empty Outlets list and UnitPrice per item, and
//     answer {ID} = the variant's ID, because the record has no ID of its
//     own that the reference shows. Unknown outlet names are a 400.
//   - Decision: DELETE /OutletPrice (body truncated) takes Code and an
//     optional Outlets list of {Outlet}: those outlets, or all when absent;
//     404 when nothing was there to delete. Other reading, the fault
//     OutletPriceDeleteAll: it clears every outlet of the variant whatever
//     the list names.
//   - Decision: a catalog DELETE does what it answers. Other readings, the
//     fault DeleteKeeps: "404" answers the API's not-found while the record
//     stays (any catalog DELETE); "ok" answers success and changes nothing
//     for the two whose form the reference does not show (DELETE /Product,
//     DELETE /OutletPrice), as a wrong guess of the form might.
//   - Decision: GET /OutletPrice on a variant without outlet prices answers
//     200 with an empty Outlets list; an unknown variant is a 404. Its items
//     are {Outlet, UnitPrice, ExtraCost}, the write's form, because the
//     read's item fields are hidden; OutletPriceRead gives the other
//     readings.
//   - Decision: amounts (UnitCost, UnitPrice, ExtraCost, Weight,
//     OrderPrice) are JSON integers of at least 0, as the write schemas
//     type them; component Qty is a positive number.
package simulator

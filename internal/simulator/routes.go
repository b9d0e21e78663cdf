package simulator

import (
	"slices"
	"strings"
)

// handler answers one method of one route.
type handler func(*Server, *request) reply

// route is one API path pattern (relative to /api/v3) and its methods.
// A "{name}" segment matches any one segment and is passed as a parameter.
type route struct {
	pattern string
	methods map[string]handler
	public  bool // no bearer token needed (the token endpoint)
}

func (rt *route) allow() string {
	var ms []string
	for m := range rt.methods {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return strings.Join(ms, ", ")
}

const apiBase = "/api/v3"

// routes is the customer API of the reference, plus the token endpoint and
// the newer GET /Customer/Detail.
var routes = []*route{
	{pattern: "/Token/OAuth2", public: true, methods: map[string]handler{"POST": (*Server).token}},
	{pattern: "/Customer", methods: map[string]handler{
		"GET": (*Server).list, "POST": (*Server).create, "PUT": updateHandler(byEmailForm), "DELETE": (*Server).deleteByEmail,
	}},
	{pattern: "/Customer/p", methods: map[string]handler{"POST": (*Server).list}},
	{pattern: "/Customer/id/{id}", methods: map[string]handler{"GET": (*Server).getByID}},
	{pattern: "/Customer/Email", methods: both(lookupHandler("Email", (*Server).byEmail))},
	{pattern: "/Customer/Code", methods: both(lookupHandler("Code", (*Server).byCode))},
	{pattern: "/Customer/MobilePhone", methods: both(lookupHandler("MobilePhone", (*Server).byPhone))},
	{pattern: "/Customer/Detail", methods: map[string]handler{"GET": (*Server).detail}},
	{pattern: "/Customer/ByID", methods: map[string]handler{"PUT": updateHandler(byIDForm)}},
	{pattern: "/Customer/ByCode", methods: map[string]handler{"PUT": updateHandler(byCodeForm)}},
	{pattern: "/Customer/ByMobilePhone", methods: map[string]handler{"PUT": updateHandler(byMobileForm)}},
	{pattern: "/Customer/VerifyMobile", methods: map[string]handler{"PUT": verifyHandler("Mobile", "MobileVerified", (*Server).byMobile)}},
	{pattern: "/Customer/VerifyEmail", methods: map[string]handler{"PUT": verifyHandler("Email", "EmailVerified", (*Server).byEmail)}},
	{pattern: "/Customer/DeleteByCode", methods: map[string]handler{"DELETE": (*Server).deleteByCode}},
	{pattern: "/Customer/WithTotalCount", methods: both((*Server).listWithTotal)},
	{pattern: "/Customer/Suspend", methods: map[string]handler{"PUT": statusHandler(StatusSuspended, "The contact has been successfully suspended.")}},
	{pattern: "/Customer/Unsuspend", methods: map[string]handler{"PUT": statusHandler(StatusActive, "The contact has been successfully unsuspended.")}},
	{pattern: "/Customer/NewCode", methods: map[string]handler{"GET": (*Server).newCode}},
	{pattern: "/Customer/Merge", methods: map[string]handler{"PUT": (*Server).merge}},
	{pattern: "/Customer/PIN", methods: map[string]handler{"GET": (*Server).getPIN, "PUT": (*Server).setPIN}},

	// Catalog (catalog.go): categories, products, variants, outlets, outlet prices.
	{pattern: "/Category", methods: map[string]handler{
		"GET": (*Server).listCategories, "POST": (*Server).createCategory, "PUT": (*Server).updateCategory, "DELETE": (*Server).deleteCategory,
	}},
	{pattern: "/Category/p", methods: map[string]handler{"POST": (*Server).listCategories}},
	{pattern: "/Category/ID", methods: both((*Server).getCategory)},
	{pattern: "/Product", methods: map[string]handler{
		"GET": (*Server).listProducts, "POST": (*Server).createProduct, "PUT": (*Server).updateProduct, "DELETE": (*Server).deleteProduct,
	}},
	{pattern: "/Product/p", methods: map[string]handler{"POST": (*Server).listProducts}},
	{pattern: "/Product/ID", methods: both((*Server).getProductByID)},
	{pattern: "/Product/WithPricebookByListID", methods: both(productsByListID("Pricebook", false))},
	{pattern: "/Product/WithOutletPriceByListID", methods: both(productsByListID("OutletPrice", true))},
	{pattern: "/Product/Detail", methods: map[string]handler{"GET": detailHandler(products, (*catalog).productByCode, productNotFound, (*catalog).readProduct)}},
	{pattern: "/Variant", methods: map[string]handler{
		"GET": (*Server).listVariants, "POST": (*Server).listVariants, "PUT": (*Server).updateVariant, "DELETE": (*Server).deleteVariant,
	}},
	{pattern: "/Variant/Add", methods: map[string]handler{"POST": (*Server).addVariant}},
	{pattern: "/Variant/Detail", methods: map[string]handler{"GET": detailHandler(variants, (*catalog).variantByCode, variantNotFound, (*catalog).variantDetail)}},
	{pattern: "/Variant/GetIDByListCode", methods: map[string]handler{"GET": (*Server).variantIDsByCode}},
	{pattern: "/Outlet", methods: map[string]handler{"GET": (*Server).listOutlets, "POST": (*Server).createOutlet, "PUT": (*Server).updateOutlet}},
	{pattern: "/Outlet/p", methods: map[string]handler{"POST": (*Server).listOutlets}},
	{pattern: "/OutletPrice", methods: map[string]handler{
		"GET": (*Server).getOutletPrice, "POST": outletPriceHandler(true, createOutletPrice),
		"PUT": outletPriceHandler(true, setOutletPrice), "DELETE": outletPriceHandler(false, deleteOutletPrice),
	}},
	{pattern: "/OutletPrice/p", methods: map[string]handler{"POST": (*Server).getOutletPrice}},
}

// both serves the endpoints the reference says are "also available as HTTP
// POST": GET with a JSON body, or POST.
func both(h handler) map[string]handler {
	return map[string]handler{"GET": h, "POST": h}
}

// match finds the route for a request path. Matching ignores case and one
// trailing slash, as the ASP.NET routing of the live API does.
func match(path string) (*route, map[string]string) {
	if len(path) < len(apiBase) || !strings.EqualFold(path[:len(apiBase)], apiBase) {
		return nil, nil
	}
	rest := strings.TrimSuffix(path[len(apiBase):], "/")
	segs := strings.Split(rest, "/")
next:
	for _, rt := range routes {
		want := strings.Split(rt.pattern, "/")
		if len(want) != len(segs) {
			continue
		}
		params := map[string]string{}
		for i, w := range want {
			if strings.HasPrefix(w, "{") {
				if segs[i] == "" {
					continue next
				}
				params[strings.Trim(w, "{}")] = segs[i]
			} else if !strings.EqualFold(w, segs[i]) {
				continue next
			}
		}
		return rt, params
	}
	return nil, nil
}

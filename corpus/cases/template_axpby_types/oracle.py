def oracle(inp, sizes):
    return {"of": inp["af"] * inp["xf"] + inp["bf"] * inp["yf"],
            "od": inp["ad"] * inp["xd"] + inp["bd"] * inp["yd"],
            "oi": inp["ai"] * inp["xi"] + inp["bi"] * inp["yi"]}

def oracle(inp, sizes):
    return {"C": 2.0 * inp["A"] - inp["B"]}
